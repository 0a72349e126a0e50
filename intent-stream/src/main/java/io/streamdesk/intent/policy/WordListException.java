package io.streamdesk.intent.policy;

/** A word-list file is missing, unreadable or malformed; the message names the file and line. */
public class WordListException extends RuntimeException {

  public WordListException(String message) {
    super(message);
  }

  public WordListException(String message, Throwable cause) {
    super(message, cause);
  }
}
