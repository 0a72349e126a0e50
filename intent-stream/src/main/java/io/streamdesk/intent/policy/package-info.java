/**
 * Content policy of the intent stream: sensitive-word filtering with per-category actions ({@link
 * io.streamdesk.intent.policy.SensitiveWordFilter}) and the structured handoff rules ({@link
 * io.streamdesk.intent.policy.HandoffSignals}).
 *
 * <p>Word lists are plain text ({@code policy/<category>.txt}, {@code allow.txt}; see {@link
 * io.streamdesk.intent.policy.WordLists}); each category has a policy MASK, REFUSE or
 * HANDOFF[:priority]. The sensitive-word library's own dictionary is off by default ({@link
 * io.streamdesk.intent.policy.BuiltInDictionary} explains its tag-to-category mapping and why).
 * Handoff reasons are USER_REQUEST, COMPLAINT and POLICY; LOW_CONFIDENCE belongs to the topology.
 */
package io.streamdesk.intent.policy;
