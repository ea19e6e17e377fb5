// List subtitles: usernames or hosts, a card's last four digits only, a note's first line.
import { describe, expect, it } from 'vitest';
import { login, note } from './fixtures';
import { hostOf, subtitle } from './subtitle';

describe('subtitle', () => {
  it('shows a username, else the first host', () => {
    expect(subtitle(login('A', { username: 'bob' }))).toBe('bob');
    expect(subtitle(login('A', { uris: ['https://mail.example.com/inbox'] }))).toBe('mail.example.com');
    expect(hostOf('example.org/x')).toBe('example.org');
  });
  it('never shows a whole card number', () => {
    const card = { ...note('Visa'), kind: 'card' as const, card: { cardholder: 'A', brand: 'Visa', number: '4111 1111 1111 1234', expMonth: '', expYear: '', code: '123' } };
    expect(subtitle(card)).toBe('Visa •••• 1234');
  });
  it("shows a note's first line", () => {
    expect(subtitle(note('N', { notes: 'first\nsecond' }))).toBe('first');
  });
});
