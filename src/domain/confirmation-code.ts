// `Mã xác nhận`: a code per unit, sent only to the unit's registered addresses and carried in its
// pre-filled link, that proves a response comes from the unit. Codes are read aloud and copied by
// hand, so the alphabet leaves out 0/O and 1/I; 8 symbols of a 32-letter alphabet are 40 random
// bits, written `K7PX-3M9Q`. Randomness comes in as bytes: the domain draws none itself.
import { confirmationCodeKey } from './forms/answers';

/** 32 symbols (5 bits each): digits 2–9 and the capital letters without I and O. */
export const CONFIRMATION_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CONFIRMATION_CODE_SYMBOLS = 8;
/** Bytes of randomness one code consumes: 8 symbols × 5 bits = 40 bits = 5 bytes. */
export const CONFIRMATION_CODE_BYTES = 5;

const CODE_SHAPE = new RegExp(`^[${CONFIRMATION_CODE_ALPHABET}]{4}-[${CONFIRMATION_CODE_ALPHABET}]{4}$`);

export class ConfirmationCodeError extends Error {
  override readonly name = 'ConfirmationCodeError';
}

/** A code from the first 5 bytes: each 5-bit group picks a symbol, so every symbol is equally likely. */
export function confirmationCodeFromBytes(bytes: readonly number[]): string {
  if (bytes.length < CONFIRMATION_CODE_BYTES) {
    throw new ConfirmationCodeError(
      `a confirmation code needs ${CONFIRMATION_CODE_BYTES} random bytes, got ${bytes.length}`,
    );
  }
  let bits = 0;
  let bitCount = 0;
  let symbols = '';
  for (const byte of bytes.slice(0, CONFIRMATION_CODE_BYTES)) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 255)
      throw new ConfirmationCodeError(`not a byte: ${byte}`);
    bits = (bits << 8) | byte;
    bitCount += 8;
    while (bitCount >= 5) {
      bitCount -= 5;
      symbols += CONFIRMATION_CODE_ALPHABET[(bits >> bitCount) & 31];
    }
    bits &= (1 << bitCount) - 1;
  }
  return `${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}

/**
 * The random bytes of a version-4 UUID (`Utilities.getUuid()` in Apps Script): its first 12 hex
 * digits come straight from the random source (the version nibble comes after them).
 */
export function bytesFromUuid(uuid: string): number[] {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new ConfirmationCodeError(`not a UUID: ${uuid}`);
  const bytes: number[] = [];
  for (let index = 0; index < 12; index += 2) bytes.push(parseInt(hex.slice(index, index + 2), 16));
  return bytes;
}

/** Whether a code has the shape this module generates (codes typed by people may differ). */
export function isGeneratedCodeShape(code: string): boolean {
  return CODE_SHAPE.test(code);
}

export interface UnitCodeSlot {
  readonly unitCode: string;
  /** The code the unit has now; blank when it lacks one. */
  readonly confirmationCode: string;
}

export interface CodeAssignment {
  /** New codes, by unit code, for the units that had none. */
  readonly assigned: ReadonlyMap<string, string>;
  /** Codes already shared by several units (typed by people): reported, never changed. */
  readonly sharedCodes: readonly { readonly code: string; readonly unitCodes: readonly string[] }[];
}

/**
 * A new code for every unit that lacks one, different from every code in use (compared as
 * answers are: without case or spaces). `nextBytes` is asked for fresh randomness per attempt; a
 * collision (one in a trillion per pair) just draws again, a bounded number of times.
 */
export function assignMissingCodes(
  units: readonly UnitCodeSlot[],
  nextBytes: () => readonly number[],
  maxAttemptsPerCode = 20,
): CodeAssignment {
  const unitsByKey = new Map<string, string[]>();
  for (const unit of units) {
    const key = confirmationCodeKey(unit.confirmationCode);
    if (key) unitsByKey.set(key, [...(unitsByKey.get(key) ?? []), unit.unitCode]);
  }
  const sharedCodes = [...unitsByKey.entries()]
    .filter(([, unitCodes]) => unitCodes.length > 1)
    .map(([code, unitCodes]) => ({ code, unitCodes }));
  const taken = new Set(unitsByKey.keys());
  const assigned = new Map<string, string>();
  for (const unit of units) {
    if (confirmationCodeKey(unit.confirmationCode) !== '' || assigned.has(unit.unitCode)) continue;
    let code: string | undefined;
    for (let attempt = 0; attempt < maxAttemptsPerCode && code === undefined; attempt += 1) {
      const candidate = confirmationCodeFromBytes(nextBytes());
      if (!taken.has(confirmationCodeKey(candidate))) code = candidate;
    }
    if (code === undefined) {
      throw new ConfirmationCodeError(
        `no unused confirmation code after ${maxAttemptsPerCode} draws for unit ${unit.unitCode}: is the random source constant?`,
      );
    }
    taken.add(confirmationCodeKey(code));
    assigned.set(unit.unitCode, code);
  }
  return { assigned, sharedCodes };
}
