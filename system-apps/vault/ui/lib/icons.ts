// One icon per item kind, shared by the rail, the list and the item pane.
import { matAccountBox, matCreditCard, matKey, matLanguage, matStickyNote2 } from '@quasar/extras/material-icons';
import type { ItemKind } from '../core/types';

export const KIND_ICONS: Record<ItemKind, string> = { login: matLanguage, note: matStickyNote2, card: matCreditCard, identity: matAccountBox, sshKey: matKey };
