import { hash } from 'node:crypto';

/** SHA-256 of a text, as lowercase hex: where the plan, the executor and the local cloud derive stable ids and tokens. */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
