/**
 * What a person who just ran `npm start` in a terminal needs, in a few lines: where to open it, which channels are
 * on (and what the others need), and what to try next. Printed only with pretty logs (a terminal); a log
 * collector gets the JSON lines alone.
 */
import type { Config, ServerChannel } from './config.js';

export interface SummaryInput {
  /** Where the server is reached, without a trailing slash, e.g. http://127.0.0.1:3978 */
  readonly baseUrl: string;
  readonly rulesVersion: string;
  readonly channels: readonly string[];
  /** Rules whose status is unknown today (a suspension ended with nothing recorded after): answers on them escalate. */
  readonly unknownRules: number;
  readonly config: Pick<Config, 'loopback' | 'CONSOLE_TOKEN' | 'teamsAuthenticated' | 'TEAMS_EMULATOR_URL' | 'SLACK_APP_TOKEN' | 'SLACK_COMPLIANCE_CHANNEL'>;
}

const EXAMPLE = 'Do sintered NdFeB magnets with Dy from Ningbo to Germany need a licence?';

export function startupSummary(s: SummaryInput): string {
  const on = (c: ServerChannel) => s.channels.includes(c);
  const locked = !s.config.loopback && s.config.CONSOLE_TOKEN !== undefined ? ' (CONSOLE_TOKEN)' : '';
  const rows: [string, string][] = [];
  if (on('web')) {
    rows.push(['Web chat', `${s.baseUrl}/${locked}`], ['Compliance console', `${s.baseUrl}/console${locked}`]);
  }
  rows.push(['Health, metrics', `${s.baseUrl}/healthz  ${s.baseUrl}/metrics`]);
  rows.push(['Web', on('web') ? 'on' : 'off']);
  rows.push(['Teams', teamsLine(s, on('teams'))]);
  rows.push(['Slack', slackLine(s, on('slack'))]);
  rows.push(['Rules', `version ${s.rulesVersion}${s.unknownRules > 0 ? `; ${s.unknownRules} rules of unknown status today (their answers escalate; README, "How a compliance officer updates a rule")` : ''}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const next = [
    ...(on('web') ? [`ask in the web chat: "${EXAMPLE}"`] : []),
    `or from a shell: npm run -s lodestone -- ask "${EXAMPLE}"`,
    'connect Slack or Teams, or deploy: README, "Setting up Slack", "Setting up Teams", "Deploying"',
  ];
  return [
    '',
    'Lodestone is running.',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    'Try next:',
    ...next.map((n) => `  - ${n}`),
    'Stop with Ctrl-C.',
    '',
  ].join('\n');
}

function teamsLine(s: SummaryInput, on: boolean): string {
  if (!on) return 'off';
  if (s.config.teamsAuthenticated) return `on at ${s.baseUrl}/api/messages`;
  if (s.config.TEAMS_EMULATOR_URL) return `local mode at ${s.baseUrl}/api/messages, for the Bot Framework Emulator at ${s.config.TEAMS_EMULATOR_URL}`;
  return 'local mode, refusing every activity (set TEAMS_EMULATOR_URL to try it with the Bot Framework Emulator, or MICROSOFT_APP_ID for Teams)';
}

function slackLine(s: SummaryInput, on: boolean): string {
  if (!on) return 'off (set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)';
  const how = s.config.SLACK_APP_TOKEN !== undefined ? 'on, socket mode' : `on at ${s.baseUrl}/slack/events`;
  return `${how}${s.config.SLACK_COMPLIANCE_CHANNEL ? `; cases go to ${s.config.SLACK_COMPLIANCE_CHANNEL}` : '; no SLACK_COMPLIANCE_CHANNEL, so cases do not go to Slack'}`;
}
