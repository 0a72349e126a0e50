/**
 * The text pipeline of the intent stream: {@link io.streamdesk.intent.text.TextPipeline} turns a
 * raw customer message into a {@link io.streamdesk.intent.text.TextAnalysis} (normalised text,
 * PII-masked and word-filtered text, PII types and a redacting placeholder mapping, sensitive-word
 * hits with their policy action, handoff signals) before anything reaches a model or an analytics
 * topic.
 *
 * <p>Decisions, stated once:
 *
 * <ul>
 *   <li><b>Width and NFKC.</b> Full-width letters, digits and symbols become ASCII; {@code ，！？：；（）}
 *       stay full width and {@code 。、…} are untouched, because the Chinese analyser, sentence
 *       splitter and classifier are trained on them. NFKC applies per character for that reason.
 *   <li><b>Phones</b> through libphonenumber (valid numbers only), plus the CN mobile shape {@code
 *       1[3-9]} + 9 digits. <b>400/800 numbers are not masked</b>: they are a company's published
 *       service lines (shared-cost / toll-free), not personal data, and replies need them; {@code
 *       text.pii.mask-service-numbers=true} masks them.
 *   <li><b>Order numbers stay visible.</b> Any number introduced by 订单/单号/运单/快递单号/发票号 or
 *       order/tracking/invoice/reference is never masked. Without such a word: an ID must pass the
 *       MOD 11-2 checksum, province and birth-date checks; a card must pass Luhn and have a card
 *       issuer prefix (3-6, or 16-digit 2221-2720) unless a card word precedes it. So date-based
 *       order numbers (2024051812345) stay visible; a bare 13-19 digit number starting with 3-6
 *       that passes Luhn is masked as a card (one in ten such numbers does): privacy wins the tie.
 *   <li><b>No maintained Java library detects Chinese IDs, UnionPay cards or order-number context
 *       in free text</b>, so those rules are written here (regex + validators) and tested; phones
 *       use libphonenumber, the sensitive words houbb's sensitive-word.
 * </ul>
 */
package io.streamdesk.intent.text;
