// npm run package:teams: zips manifest/teams (manifest.json, color.png, outline.png) into the app package that
// Teams admin centre or "Upload a custom app" takes. Uses node:zlib only.
//
//   MICROSOFT_APP_ID       the bot's app id: becomes bots[0].botId and, unless TEAMS_APP_ID is set, the app id
//   TEAMS_APP_ID           the Teams app id, when it differs from the bot's
//   LODESTONE_PUBLIC_HOST  the host Lodestone is served on (e.g. lodestone.acme.com): validDomains, and the website,
//                          privacy and terms links (https://HOST/, /privacy, /terms, which Lodestone serves)
//   --out FILE             where to write the zip (default dist/teams/lodestone-teams.zip)
//
// The manifest's version is taken from package.json, so each release is a new app version for Teams.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'manifest', 'teams');
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ICONS = { 'color.png': 192, 'outline.png': 32 };

// 1980-01-01 00:00 in DOS time: a fixed stamp makes the same inputs give the same zip, byte for byte.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip (PKWARE APPNOTE 6.3) of flat entries, each deflated unless storing is smaller. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, fileName, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function pngSize(buf) {
  if (buf.length < 24 || buf.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function fail(message) {
  process.stderr.write(`package:teams: ${message}\n`);
  process.exit(1);
}

function main(argv, env) {
  const outIndex = argv.indexOf('--out');
  const out = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1] : join(root, 'dist', 'teams', 'lodestone-teams.zip'));
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  const botId = env.MICROSOFT_APP_ID?.trim();
  const appId = env.TEAMS_APP_ID?.trim() || botId;
  for (const [name, value] of [['MICROSOFT_APP_ID', botId], ['TEAMS_APP_ID', appId]]) {
    if (value && !GUID.test(value)) fail(`${name} must be a GUID, got "${value}"`);
  }
  manifest.version = version;
  if (appId) manifest.id = appId;
  if (botId) for (const bot of manifest.bots ?? []) bot.botId = botId;
  const host = env.LODESTONE_PUBLIC_HOST?.trim();
  if (host) {
    manifest.validDomains = [host];
    // The pages Teams shows before an install, served by Lodestone itself (src/http/legal-pages.ts).
    manifest.developer = { ...manifest.developer, websiteUrl: `https://${host}/`, privacyUrl: `https://${host}/privacy`, termsOfUseUrl: `https://${host}/terms` };
  }

  const icons = Object.entries(ICONS).map(([name, size]) => {
    const data = readFileSync(join(source, name));
    const dims = pngSize(data);
    if (!dims || dims.width !== size || dims.height !== size) fail(`${name} must be a ${size}x${size} PNG`);
    return { name, data };
  });

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip([{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }, ...icons]));
  process.stdout.write(`wrote ${out} (Teams app ${manifest.id}, version ${manifest.version})\n`);
  if (manifest.id === PLACEHOLDER) {
    process.stdout.write('note: the app and bot ids are still the placeholder GUID; set MICROSOFT_APP_ID to your bot\'s app id.\n');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2), process.env);
