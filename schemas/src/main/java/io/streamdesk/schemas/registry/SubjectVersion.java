package io.streamdesk.schemas.registry;

import org.apache.avro.Schema;

/** One registered version of a subject. */
public record SubjectVersion(String subject, int version, int id, Schema schema) {}
