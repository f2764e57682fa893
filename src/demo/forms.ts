// The demo's forms as setup would have written them in `Biểu mẫu`: the form ids are invented (no
// such form exists at Google), the shape is Google's, so the demo's mails show real-looking links.
import type { FormFact } from '../domain/form-facts';

export function demoFormFacts(): FormFact[] {
  return [
    {
      kind: 'plan',
      formId: '1DemoKeHoachHannopVD0000000000000000000000',
      template: {
        formUrl:
          'https://docs.google.com/forms/d/e/1FAIpQLSdDemoKeHoachHannop000000000000000000000000000/viewform',
        entries: { unit: 'entry.1000001', code: 'entry.1000002' },
      },
    },
    {
      kind: 'report',
      formId: '1DemoBaoCaoHannopVD00000000000000000000000000',
      template: {
        formUrl:
          'https://docs.google.com/forms/d/e/1FAIpQLSdDemoBaoCaoHannop0000000000000000000000000000/viewform',
        entries: { unit: 'entry.2000001', code: 'entry.2000002', period: 'entry.2000003' },
      },
    },
  ];
}
