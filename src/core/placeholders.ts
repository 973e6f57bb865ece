/**
 * Template values left in a policy (issue #11 item 22): `mx: mx1.example.com`, `mx: mail.yourdomain.com`. They parse,
 * so without this nothing tells the administrator that the policy covers no real MX host.
 */

/** Names reserved for documentation and testing: RFC 2606 §2-3, RFC 6761 §6. */
const RESERVED_SUFFIXES = ['example.com', 'example.net', 'example.org'];
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'tld']);
/** Labels of tutorials and vendor documentation (`yourdomain-com.mail.protection.outlook.com`, Contoso). */
const TEMPLATE_LABEL =
  /^(?:(?:your|my)-?(?:domain|company|business|org|tenant)(?:name)?|contoso|fabrikam)(?:-[a-z]{2,3})?$/;

/** Why an mx pattern looks like a template value, or null when it does not. */
export function placeholderReason(pattern: string): string | null {
  const name = pattern.toLowerCase().replace(/^\*\./, '');
  const labels = name.split('.');
  const suffix = RESERVED_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  if (suffix !== undefined) return `${suffix} is reserved for documentation (RFC 2606)`;
  const tld = labels.at(-1) ?? '';
  if (labels.length > 1 && RESERVED_TLDS.has(tld)) return `.${tld} is not a public top-level domain`;
  if (name === 'domain.com' || name.endsWith('.domain.com')) return 'domain.com is a template name';
  const label = labels.find((l) => TEMPLATE_LABEL.test(l));
  if (label !== undefined) return `"${label}" is a template name`;
  return null;
}
