import { randomBytes } from 'node:crypto';
import {
  CONFIRMATION_CODE_ALPHABET,
  assignMissingCodes,
  bytesFromUuid,
  confirmationCodeFromBytes,
  isGeneratedCodeShape,
} from '../../src/domain/confirmation-code';

describe('confirmation codes', () => {
  it('uses 32 unambiguous symbols: no 0, O, 1 or I', () => {
    expect(new Set(CONFIRMATION_CODE_ALPHABET).size).toBe(32);
    expect(CONFIRMATION_CODE_ALPHABET).not.toMatch(/[0O1I]/);
  });

  it('spends 40 bits, 5 per symbol, in the order the bytes come', () => {
    expect(confirmationCodeFromBytes([0, 0, 0, 0, 0])).toBe('2222-2222');
    expect(confirmationCodeFromBytes([255, 255, 255, 255, 255])).toBe('ZZZZ-ZZZZ');
    // 00001 00010 00011 00100 00101 00110 00111 01000
    expect(confirmationCodeFromBytes([0b00001000, 0b10000110, 0b01000010, 0b10011000, 0b11101000])).toBe(
      '3456-789A',
    );
    // Bytes after the fifth do not matter.
    expect(confirmationCodeFromBytes([1, 2, 3, 4, 5, 6])).toBe(
      confirmationCodeFromBytes([1, 2, 3, 4, 5, 99]),
    );
  });

  it('refuses too little randomness or values that are not bytes', () => {
    expect(() => confirmationCodeFromBytes([1, 2, 3, 4])).toThrow('needs 5 random bytes, got 4');
    expect(() => confirmationCodeFromBytes([1, 2, 3, 4, 256])).toThrow('not a byte: 256');
  });

  it('takes the random bytes of a UUID v4 before its version digit', () => {
    expect(bytesFromUuid('0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3')).toEqual([
      0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f,
    ]);
    expect(() => bytesFromUuid('not-a-uuid')).toThrow('not a UUID');
  });

  it('gives well-shaped codes whose symbols are spread evenly', () => {
    const counts = new Map<string, number>();
    for (let index = 0; index < 4000; index += 1) {
      const code = confirmationCodeFromBytes([...randomBytes(5)]);
      expect(isGeneratedCodeShape(code)).toBe(true);
      for (const symbol of code.replace('-', '')) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    // 32,000 symbols over 32 letters: about 1,000 each.
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
  });

  it('assigns codes only to units that lack one, all different from each other and from codes in use', () => {
    const colliding = [0b01000010, 0b11000110, 0b01010001, 0b11001000, 0b01110100];
    const fresh = [9, 8, 7, 6, 5];
    const taken = confirmationCodeFromBytes(colliding);
    const units = [
      { unitCode: 'MNHM', confirmationCode: '' },
      // Codes are compared as answers are: without case or spaces.
      { unitCode: 'THDD', confirmationCode: ` ${taken.toLowerCase()} ` },
      { unitCode: 'THCSLQD', confirmationCode: '  ' },
      { unitCode: 'MNCU', confirmationCode: 'K7PX-3M9Q' },
    ];
    const queue = [colliding, fresh];
    const result = assignMissingCodes(units, () => queue.shift() ?? [...randomBytes(5)]);
    expect([...result.assigned.keys()]).toEqual(['MNHM', 'THCSLQD']);
    expect(result.assigned.get('MNHM')).toBe(confirmationCodeFromBytes(fresh));
    const codes = [...result.assigned.values(), taken, 'K7PX-3M9Q'];
    expect(new Set(codes).size).toBe(4);
    expect(result.sharedCodes).toEqual([]);
  });

  it('reports codes that several units share, without changing them', () => {
    const result = assignMissingCodes(
      [
        { unitCode: 'A', confirmationCode: 'SAME-CODE' },
        { unitCode: 'B', confirmationCode: ' same-code ' },
      ],
      () => [...randomBytes(5)],
    );
    expect(result.assigned.size).toBe(0);
    expect(result.sharedCodes).toEqual([{ code: 'SAME-CODE', unitCodes: ['A', 'B'] }]);
  });

  it('gives up, naming the unit, when the random source keeps repeating itself', () => {
    expect(() =>
      assignMissingCodes(
        [
          { unitCode: 'A', confirmationCode: '' },
          { unitCode: 'B', confirmationCode: '' },
        ],
        () => [7, 7, 7, 7, 7],
      ),
    ).toThrow('no unused confirmation code after 20 draws for unit B');
  });
});
