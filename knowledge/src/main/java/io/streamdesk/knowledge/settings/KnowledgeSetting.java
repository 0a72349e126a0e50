package io.streamdesk.knowledge.settings;

import java.util.Objects;

/**
 * One configuration key of the knowledge base, declared here so that every service reading the
 * knowledge base (indexer, retrieval) uses the same name, default and documentation. The knowledge
 * module has no configuration framework of its own: services turn these into their typed config
 * keys and hand the raw values back to {@link KnowledgeSettings#parse}.
 *
 * @param name dotted key, e.g. {@code kb.index.dir}
 * @param defaultValue the value when unset, as a user would write it; {@code null} for none
 * @param doc one or two sentences for the configuration reference
 * @param secret whether the value must never be printed
 */
public record KnowledgeSetting(String name, String defaultValue, String doc, boolean secret) {

  public KnowledgeSetting {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(doc, "doc");
  }
}
