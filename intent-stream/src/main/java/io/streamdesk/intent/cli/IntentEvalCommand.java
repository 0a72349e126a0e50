package io.streamdesk.intent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamdesk.intent.classifier.IntentDataReader;
import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.eval.EvaluationReport;
import io.streamdesk.intent.eval.IntentEvaluator;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code intent-eval}: trains an intent model on one labelled file and scores it on another. With
 * {@code --json} it prints exactly one JSON object ({@link EvaluationReport}) on stdout; logs go to
 * stderr.
 */
@Command(
    name = "intent-eval",
    mixinStandardHelpOptions = true,
    description = "Train an intent classifier on --train and score it on --test.")
public final class IntentEvalCommand implements Callable<Integer> {

  @Option(names = "--train", required = true, paramLabel = "A", description = "Training data.")
  Path train;

  @Option(names = "--test", required = true, paramLabel = "B", description = "Test data.")
  Path test;

  @Option(names = "--json", description = "Print one JSON object on stdout.")
  boolean json;

  @Mixin EncoderOptions encoder;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() throws Exception {
    IntentDataset trainData = IntentDataReader.read(train);
    IntentDataset testData = IntentDataReader.read(test);
    try (OnnxEncoder enc = OnnxEncoder.open(encoder.spec(), EncoderConfig.defaults())) {
      IntentModel model = training.train(trainData, enc, encoder.language());
      EvaluationReport report = IntentEvaluator.evaluate(model, enc, trainData.size(), testData);
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(report));
      } else {
        System.out.println(
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
      }
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IntentEvalCommand()).execute(args));
  }
}
