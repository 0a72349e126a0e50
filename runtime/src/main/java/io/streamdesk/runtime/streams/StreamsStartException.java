package io.streamdesk.runtime.streams;

/** A Kafka Streams application did not reach RUNNING: it failed, or the start timed out. */
public class StreamsStartException extends RuntimeException {

  public StreamsStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
