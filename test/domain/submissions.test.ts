import { labelKey } from '../../src/domain/text';
import { OUTCOME_LABEL, REVIEW_LABEL, splitProblemLines } from '../../src/domain/submissions';

describe('splitProblemLines', () => {
  it('drops bullets and blank lines', () => {
    expect(splitProblemLines('• a\n-b\n \n c ')).toEqual(['a', 'b', 'c']);
    expect(splitProblemLines('')).toEqual([]);
  });
});

describe('labels typed in the register', () => {
  it('are read without regard to accents, case or spacing', () => {
    expect(labelKey(REVIEW_LABEL, '  yeu cau BO SUNG ')).toBe('returned');
    expect(labelKey(OUTCOME_LABEL, 'chờ xác minh')).toBe('held');
    expect(labelKey(REVIEW_LABEL, 'Đạt rồi')).toBeUndefined();
  });
});
