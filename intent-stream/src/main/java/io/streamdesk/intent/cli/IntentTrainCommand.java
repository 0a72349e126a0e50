package io.streamdesk.intent.cli;

import io.streamdesk.intent.classifier.IntentDataReader;
import io.streamdesk.intent.classifier.IntentDataset;
import io.streamdesk.intent.classifier.IntentModel;
import io.streamdesk.intent.classifier.IntentModelArtefacts;
import io.streamdesk.knowledge.encoder.EncoderConfig;
import io.streamdesk.knowledge.encoder.OnnxEncoder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code intent-train}: trains an intent model and saves it as a new version under {@code
 * --out/<language>/<version>/}; a running {@code IntentModelStore} watching {@code --out} picks it
 * up without a restart. Prints the version directory on stdout.
 */
@Command(
    name = "intent-train",
    mixinStandardHelpOptions = true,
    description = "Train an intent classifier and save it as a new model version.")
public final class IntentTrainCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      required = true,
      paramLabel = "F",
      description =
          "Training data"
              + " (.jsonl {text,label}, .csv text,label, or .yaml label: [utterances]).")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model store root.")
  Path out;

  @Mixin EncoderOptions encoder;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() throws Exception {
    IntentDataset dataset = IntentDataReader.read(data);
    try (OnnxEncoder enc = OnnxEncoder.open(encoder.spec(), EncoderConfig.defaults())) {
      IntentModel model = training.train(dataset, enc, encoder.language());
      Path saved = IntentModelArtefacts.save(model, out);
      System.out.println(saved.toAbsolutePath());
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IntentTrainCommand()).execute(args));
  }
}
