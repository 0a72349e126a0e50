package io.streamdesk.schemas.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data model the serdes use: generated SpecificRecords with the logical-type conversions
 * our schemas use (timestamp-millis as {@link java.time.Instant}). {@code SpecificData.get()} alone
 * lacks them, and a union schema has no generated class to take them from.
 */
final class AvroModels {

  private AvroModels() {}

  static SpecificData specificWithConversions() {
    SpecificData model = new SpecificData(AvroModels.class.getClassLoader());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    return model;
  }
}
