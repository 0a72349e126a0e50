package io.streamdesk.intent.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The figures {@code intent-eval} prints, with the JSON keys of the issue.
 *
 * @param model encoder model id
 * @param trainExamples training examples
 * @param testExamples test examples
 * @param threshold the out-of-scope threshold used
 * @param accuracyInScope share of in-scope test examples given their correct label (a rejection as
 *     out of scope counts as wrong)
 * @param macroF1 unweighted mean of per-label F1 over the labels of the test set ({@code oos}
 *     included as a label when present)
 * @param oosRecall share of out-of-scope test examples predicted out of scope; null without any
 * @param oosPrecision share of out-of-scope predictions that are out of scope; null when the test
 *     set has no out-of-scope examples
 * @param inScopeFalseReject share of in-scope test examples predicted out of scope
 * @param examplesPerSecond test examples per second through embedding (one message at a time, as
 *     the topology does) plus classification
 */
@JsonPropertyOrder({
  "model",
  "train_examples",
  "test_examples",
  "threshold",
  "accuracy_in_scope",
  "macro_f1",
  "oos_recall",
  "oos_precision",
  "in_scope_false_reject",
  "examples_per_second"
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvaluationReport(
    @JsonProperty("model") String model,
    @JsonProperty("train_examples") int trainExamples,
    @JsonProperty("test_examples") int testExamples,
    @JsonProperty("threshold") double threshold,
    @JsonProperty("accuracy_in_scope") double accuracyInScope,
    @JsonProperty("macro_f1") double macroF1,
    @JsonProperty("oos_recall") Double oosRecall,
    @JsonProperty("oos_precision") Double oosPrecision,
    @JsonProperty("in_scope_false_reject") double inScopeFalseReject,
    @JsonProperty("examples_per_second") double examplesPerSecond) {}
