# Lodestone: built with the dev dependencies, run with the production ones only, as the unprivileged `node` user.
# `docker build -t lodestone .` then see compose.yaml. scripts/check-dockerfile.mjs lints this file and
# scripts/dockerfile-dry-run.mjs runs its steps without Docker (both in .ci/run).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.app.json ./
COPY src ./src
RUN npx tsc -p tsconfig.app.json
# Only what runs: the dev dependencies (TypeScript, vitest, eslint) go; the native module built above stays.
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978 DATA_DIR=/data LOG_FORMAT=json CHANNELS=web
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY rules ./rules
COPY knowledge ./knowledge
COPY intents ./intents
COPY src/channels/web/public ./src/channels/web/public
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
