package io.streamdesk.schemas.topics;

/** The cluster refused or did not answer a topic listing, description or creation. */
public class TopicCreationException extends RuntimeException {

  public TopicCreationException(String message, Throwable cause) {
    super(message, cause);
  }
}
