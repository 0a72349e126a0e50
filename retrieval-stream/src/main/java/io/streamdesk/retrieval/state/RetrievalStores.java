package io.streamdesk.retrieval.state;

import io.streamdesk.retrieval.cache.CacheSettings;
import io.streamdesk.retrieval.cache.CachedAnswer;
import io.streamdesk.retrieval.cache.PendingAnswer;
import io.streamdesk.retrieval.search.FollowUpContext;
import io.streamdesk.schemas.events.ConversationState;
import io.streamdesk.schemas.topics.TopicSerdes;
import io.streamdesk.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The retrieval stream's state stores, all changelogged (exactly-once restores them) and all in the
 * one sub-topology, so a customer message, the replies and handoffs of its conversation and the
 * expiry sweep see and change the same state in one task:
 *
 * <ul>
 *   <li>{@value #CONVERSATIONS}: ConversationState by conversationId (RocksDB; published on {@code
 *       cs.conversations});
 *   <li>{@value #FOLLOW_UPS}: the last search per conversation, for follow-ups (RocksDB, JSON);
 *   <li>{@value #ANSWER_CACHE}: cached answers by question key, in memory, least recently used
 *       evicted beyond the configured size (per partition);
 *   <li>{@value #PENDING_ANSWERS}: questions awaiting the reply that may fill the cache, by
 *       messageId (in memory, LRU-bounded).
 * </ul>
 */
public final class RetrievalStores {

  public static final String CONVERSATIONS = "retrieval-conversations";
  public static final String FOLLOW_UPS = "retrieval-follow-ups";
  public static final String ANSWER_CACHE = "retrieval-answer-cache";
  public static final String PENDING_ANSWERS = "retrieval-pending-answers";

  /** Every store name, for connecting processors. */
  public static final String[] ALL = {CONVERSATIONS, FOLLOW_UPS, ANSWER_CACHE, PENDING_ANSWERS};

  private RetrievalStores() {}

  /** Adds every store to the builder. */
  public static void addTo(
      StreamsBuilder builder, Topics topics, TopicSerdes serdes, CacheSettings cache) {
    builder.addStateStore(conversations(topics, serdes));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(FOLLOW_UPS),
            Serdes.String(),
            new JsonSerde<>(FollowUpContext.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.lruMap(ANSWER_CACHE, cache.maxEntries()),
            Serdes.String(),
            new JsonSerde<>(CachedAnswer.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.lruMap(PENDING_ANSWERS, cache.pendingMaxEntries()),
            Serdes.String(),
            new JsonSerde<>(PendingAnswer.class)));
  }

  private static StoreBuilder<KeyValueStore<String, ConversationState>> conversations(
      Topics topics, TopicSerdes serdes) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(CONVERSATIONS),
        serdes.keySerde(topics.conversations()),
        serdes.valueSerde(topics.conversations()));
  }
}
