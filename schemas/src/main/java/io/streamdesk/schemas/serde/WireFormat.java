package io.streamdesk.schemas.serde;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the datum.
 */
final class WireFormat {

  static final byte MAGIC_BYTE = 0;
  static final int HEADER_SIZE = 5;

  private WireFormat() {}
}
