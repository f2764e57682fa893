// The questions both forms open with, in the order of docs/forms.md.

/**
 * `15/KH-MNHM`: number, `/`, the kind of document (KH plan, BC report), `-`, the unit's initials.
 * Tested on the folded answer (lower case, no accents), so `15/kh-mnhm` and `15 / KH - MNHM` pass too.
 */
function documentNumberPattern(symbol: 'kh' | 'bc'): RegExp {
  return new RegExp(`^\\d+[a-z]?\\s?/\\s?${symbol}\\s?-\\s?[a-z0-9]+(?:[-.][a-z0-9]+)*$`);
}

export function commonQuestions(symbol: 'KH' | 'BC') {
  return [
    {
      key: 'unit',
      title: 'Đơn vị',
      type: 'dropdown',
      required: true,
      choicesFrom: 'units',
      helpText: 'Chọn đúng đơn vị nộp (mã đơn vị - tên đơn vị).',
    },
    {
      key: 'code',
      title: 'Mã xác nhận',
      type: 'shortText',
      required: false,
      format: 'confirmationCode',
      helpText: 'Mã ghi trong thư gửi đơn vị; có thể để trống nếu nộp bằng email đã đăng ký của đơn vị.',
    },
    {
      key: 'reporter',
      title: 'Họ và tên người báo cáo',
      type: 'shortText',
      required: true,
      minLength: 2,
      maxLength: 100,
    },
    { key: 'position', title: 'Chức vụ', type: 'shortText', required: true },
    {
      key: 'phone',
      title: 'Số điện thoại liên hệ',
      type: 'shortText',
      required: true,
      format: 'phone',
      helpText: 'Ví dụ: 0901 234 567.',
    },
    {
      key: 'docNumber',
      title: 'Số, ký hiệu văn bản',
      type: 'shortText',
      required: true,
      expectedShape: {
        pattern: documentNumberPattern(symbol === 'KH' ? 'kh' : 'bc'),
        example: `15/${symbol}-MNHM`,
      },
      helpText: `Ví dụ: 15/${symbol}-MNHM.`,
    },
    {
      key: 'docDate',
      title: 'Ngày ban hành',
      type: 'date',
      required: true,
      notAfterSubmissionDay: true,
      warnOutsideCampaignYear: true,
    },
    {
      key: 'docLink',
      title: 'Đường dẫn tệp văn bản',
      type: 'shortText',
      required: true,
      format: 'httpLink',
      helpText:
        'Đường dẫn (bắt đầu bằng http:// hoặc https://) đến tệp văn bản đã ký, đã mở quyền xem cho người có đường dẫn.',
    },
  ] as const;
}
