package io.streamdesk.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes do not start with the Confluent wire format's header (magic byte 0 and a 4-byte schema
 * id): not our Avro. {@code firstByte} is unsigned, or -1 for an empty record.
 */
public class UnknownMagicByteException extends SerializationException {

  private static final long serialVersionUID = 1L;

  public UnknownMagicByteException(String topic, int firstByte, int length) {
    super(
        "record on '"
            + topic
            + "' is not in the Confluent Avro wire format: "
            + length
            + " bytes, first byte "
            + firstByte
            + " (expected 0, then a 4-byte schema id)");
  }
}
