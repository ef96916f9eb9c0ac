/**
 * What a form page that came back with errors must show, as the GOV.UK pattern the pages follow:
 * the message in the error summary, linked to its input, and the same message beside the input,
 * which (or whose fieldset, for radios) is described by it. Shared by the route tests of the forms.
 */
export function expectFieldError(html: string, field: string, message: string): void {
  const escaped = message
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "(?:'|&#39;)")
    .replace(/"/g, '(?:"|&quot;)');
  expect(html).toMatch(/<div class="error-summary"/);
  expect(html).toMatch(new RegExp(`<a href="#${field}">${escaped}</a>`));
  expect(html).toMatch(new RegExp(`id="${field}-error"><span class="visually-hidden">[^<]*</span> ${escaped}</`));
  expect(html).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error"`));
}
