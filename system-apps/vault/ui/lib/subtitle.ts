// The second line of an item in the list: what tells two items of the same name apart, never a secret.
import type { PlainItem } from '../core/types';

export function hostOf(uri: string): string {
  try {
    return new URL(uri.includes('://') ? uri : `https://${uri}`).host;
  } catch {
    return uri;
  }
}

export function subtitle(item: PlainItem): string {
  switch (item.kind) {
    case 'login':
      return item.login.username || (item.login.uris[0] ? hostOf(item.login.uris[0]) : '');
    case 'card': {
      const last4 = item.card.number.replace(/\D/g, '').slice(-4);
      return [item.card.brand, last4 ? `•••• ${last4}` : ''].filter(Boolean).join(' ');
    }
    case 'identity':
      return [item.identity.firstName, item.identity.lastName].filter(Boolean).join(' ') || item.identity.email;
    case 'sshKey':
      return item.sshKey.fingerprint;
    case 'note':
      return item.notes.split('\n')[0]!.slice(0, 80);
  }
}
