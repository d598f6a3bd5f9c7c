/** The Teams app package: manifest fields Teams requires, the icons' sizes and transparency, and the zip. */
import { execFileSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readPng } from './png.js';
import { unzip } from './unzip.js';

const DIR = join(import.meta.dirname, '../../../manifest/teams');
const ROOT = join(import.meta.dirname, '../../..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const https = z.string().url().startsWith('https://');

/** The required fields of the v1.22 schema and their limits, plus the bot Lodestone needs. */
const ManifestSchema = z.object({
  $schema: z.string().regex(/^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/v1\.(1[7-9]|2\d)\/MicrosoftTeams\.schema\.json$/),
  manifestVersion: z.string().regex(/^1\.(1[7-9]|2\d)$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  id: z.string().regex(GUID),
  developer: z.object({ name: z.string().min(1).max(32), websiteUrl: https, privacyUrl: https, termsOfUseUrl: https }),
  name: z.object({ short: z.string().min(1).max(30), full: z.string().max(100) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  icons: z.object({ outline: z.literal('outline.png'), color: z.literal('color.png') }),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/),
  bots: z.array(z.object({
    botId: z.string().regex(GUID),
    supportsFiles: z.boolean(),
    scopes: z.array(z.enum(['personal', 'team', 'groupChat'])),
    commandLists: z.array(z.object({
      scopes: z.array(z.enum(['personal', 'team', 'groupChat'])).min(1),
      commands: z.array(z.object({ title: z.string().min(1).max(32), description: z.string().min(1).max(128) })).min(1).max(10),
    })).max(2),
  })).length(1),
  validDomains: z.array(z.string().min(1)).max(16),
});

const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')));
const tmp = mkdtempSync(join(tmpdir(), 'lodestone-teams-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function pack(env: Record<string, string>, name: string): Buffer {
  const out = join(tmp, name);
  execFileSync(process.execPath, [join(ROOT, 'scripts/package-teams.mjs'), '--out', out], { env: { ...process.env, ...env }, stdio: 'pipe' });
  return readFileSync(out);
}

describe('Teams manifest', () => {
  it('has the fields the current schema requires, with placeholder GUIDs', () => {
    expect(manifest.id).toBe('00000000-0000-0000-0000-000000000000');
    expect(manifest.bots[0]?.botId).toBe(manifest.id);
  });

  it('offers the bot in personal chats, teams and group chats, with the compliance-channel command', () => {
    const bot = manifest.bots[0];
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const teamCommands = bot?.commandLists.find((l) => l.scopes.includes('team'))?.commands.map((c) => c.title);
    expect(teamCommands).toContain('use this channel for compliance');
  });

  it('takes files in personal chats, for the bills of materials it screens', () => {
    expect(manifest.bots[0]?.supportsFiles).toBe(true);
  });
});

describe('Teams icons', () => {
  it('has a 192x192 colour icon with an alpha channel', () => {
    const png = readPng(readFileSync(join(DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
    expect([4, 6]).toContain(png.colorType);
  });

  it('has a 32x32 outline icon that is white on a transparent background', () => {
    const png = readPng(readFileSync(join(DIR, 'outline.png')));
    expect([png.width, png.height, png.colorType, png.bitDepth]).toEqual([32, 32, 6, 8]);
    let transparent = 0;
    let white = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      const [r, g, b, a] = png.rgba.subarray(i, i + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else throw new Error(`pixel ${i / 4} is neither white nor transparent`);
    }
    expect(transparent).toBeGreaterThan(32 * 32 / 2);
    expect(white).toBeGreaterThan(50);
  });
});

describe('npm run package:teams', () => {
  it('zips the manifest and both icons at the root, with the bot id and package version filled in', () => {
    const entries = unzip(pack({ MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555' }, 'app.zip'));

    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    for (const e of entries) expect(crc32(e.data)).toBe(e.crc);
    const packed = ManifestSchema.parse(JSON.parse(entries[0]!.data.toString('utf8')));
    expect(packed.id).toBe('11111111-2222-3333-4444-555555555555');
    expect(packed.bots[0]?.botId).toBe('11111111-2222-3333-4444-555555555555');
    const { version } = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')));
    expect(packed.version).toBe(version);
    expect(entries[1]?.data.equals(readFileSync(join(DIR, 'color.png')))).toBe(true);
    expect(entries[2]?.data.equals(readFileSync(join(DIR, 'outline.png')))).toBe(true);
  });

  it('builds the same bytes from the same inputs', () => {
    expect(pack({}, 'a.zip').equals(pack({}, 'b.zip'))).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => pack({ MICROSOFT_APP_ID: 'not-a-guid' }, 'bad.zip')).toThrow(/must be a GUID/);
  });
});
