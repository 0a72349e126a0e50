package io.streamdesk.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The bytes do not start with the Confluent wire format's magic byte 0: not our Avro. */
public class UnknownMagicByteException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public UnknownMagicByteException(String topic, int firstByte, int length) {
    super(
        "record on '"
            + topic
            + "' is not in the Confluent Avro wire format: first byte "
            + firstByte
            + " (expected 0), "
            + length
            + " bytes");
  }
}
