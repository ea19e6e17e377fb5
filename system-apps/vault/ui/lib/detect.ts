// Guesses what an import file is from its name and first bytes: an Olares backup, a Bitwarden JSON or CSV export, or some other CSV.
export type ImportFormat = 'backup' | 'bitwardenJson' | 'bitwardenCsv' | 'genericCsv';

export function detectFormat(name: string, text: string): ImportFormat {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) {
    try {
      const json = JSON.parse(body) as Record<string, unknown>;
      if (json && json.format === 'olares-vault-backup') return 'backup';
    } catch {
      // not JSON after all: fall through to the name
    }
    return 'bitwardenJson';
  }
  const header = (body.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (/(^|,)login_uri(,|$)/.test(header) && /(^|,)type(,|$)/.test(header)) return 'bitwardenCsv';
  if (name.toLowerCase().endsWith('.json')) return 'bitwardenJson';
  return 'genericCsv';
}
