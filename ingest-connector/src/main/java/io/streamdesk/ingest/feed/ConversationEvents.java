package io.streamdesk.ingest.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamdesk.ingest.intake.ApiProblem;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans reply chunks, replies and handoffs out to the conversations' SSE streams, and keeps each
 * conversation's recent events for resumption. Events arrive from the feed thread and never block
 * it: each stream has a bounded queue, and a stream that falls behind is ended (its client
 * reconnects with Last-Event-ID and catches up from the recent events). Recent events are bounded
 * per conversation, in count and in time; a conversation's chunks are dropped once its reply
 * arrives (the reply carries the whole text).
 */
public final class ConversationEvents implements AutoCloseable {

  private static final int QUEUE_CAPACITY = 1024;

  private final int replayEvents;
  private final int maxStreams;
  private final int maxStreamsPerConversation;
  private final Cache<String, RecentEvents> recent;
  private final Map<String, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
  private final AtomicInteger streams = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param replayEvents recent events kept per conversation
   * @param replayTtl how long an idle conversation's recent events are kept
   * @param replayMaxChars most characters of recent events over all conversations
   */
  public ConversationEvents(
      int replayEvents,
      Duration replayTtl,
      long replayMaxChars,
      int maxStreams,
      int maxStreamsPerConversation) {
    this.replayEvents = replayEvents;
    this.maxStreams = maxStreams;
    this.maxStreamsPerConversation = maxStreamsPerConversation;
    this.recent =
        Caffeine.newBuilder()
            .maximumWeight(replayMaxChars)
            .weigher((String id, RecentEvents e) -> e.chars())
            .expireAfterAccess(replayTtl)
            .build();
  }

  /** Records an event and hands it to the conversation's open streams. */
  public void publish(StreamEvent event) {
    RecentEvents buffer = recent.get(event.conversationId(), id -> new RecentEvents(replayEvents));
    buffer.add(event);
    recent.put(event.conversationId(), buffer); // re-weighs it
    Set<Subscription> subs = subscribers.get(event.conversationId());
    if (subs != null) {
      subs.forEach(s -> s.offer(event));
    }
  }

  /**
   * Opens a stream. With a cursor, the stream first replays the recent events the client has not
   * seen; without one it starts with the next event.
   *
   * @throws ApiProblem 429 when the conversation has too many streams, 503 when this instance has
   */
  public Subscription subscribe(String conversationId, Optional<EventCursor> resumeFrom) {
    if (closed) {
      throw ApiProblem.unavailable(
          "shutting_down", "the connector is shutting down", Duration.ofSeconds(1));
    }
    if (streams.incrementAndGet() > maxStreams) {
      streams.decrementAndGet();
      throw ApiProblem.unavailable(
          "too_many_streams",
          "this instance serves its maximum of event streams",
          Duration.ofSeconds(5));
    }
    Subscription sub = new Subscription(conversationId);
    Set<Subscription> set =
        subscribers.compute(
            conversationId,
            (id, existing) -> {
              Set<Subscription> s = existing == null ? ConcurrentHashMap.newKeySet() : existing;
              if (s.size() < maxStreamsPerConversation) {
                s.add(sub);
              }
              return s;
            });
    if (!set.contains(sub)) {
      streams.decrementAndGet();
      throw ApiProblem.of(
          429,
          "too_many_streams",
          "Too many streams",
          "this conversation already has " + maxStreamsPerConversation + " open event streams");
    }
    // Registered first, snapshot second: an event arriving in between is in both, and the
    // cursor drops the second copy.
    RecentEvents buffer = recent.getIfPresent(conversationId);
    Snapshot snapshot =
        buffer == null ? new Snapshot(List.of(), EventCursor.START) : buffer.snapshot();
    if (resumeFrom.isPresent()) {
      EventCursor cursor = resumeFrom.get();
      List<StreamEvent> missed = new ArrayList<>();
      for (StreamEvent e : snapshot.events()) {
        if (cursor.precedes(e)) {
          missed.add(e);
        }
      }
      sub.start(missed, cursor);
    } else {
      sub.start(List.of(), snapshot.latest());
    }
    return sub;
  }

  /** Open streams of this instance. */
  public int activeStreams() {
    return streams.get();
  }

  /** Ends every stream; new subscriptions are refused. */
  @Override
  public void close() {
    closed = true;
    subscribers.values().forEach(set -> set.forEach(Subscription::end));
  }

  private void remove(Subscription sub) {
    subscribers.computeIfPresent(
        sub.conversationId,
        (id, set) -> {
          if (set.remove(sub)) {
            streams.decrementAndGet();
          }
          return set.isEmpty() ? null : set;
        });
  }

  /** The events a stream replays, and the cursor of the newest event known. */
  private record Snapshot(List<StreamEvent> events, EventCursor latest) {}

  /** A conversation's recent events, oldest first. */
  private static final class RecentEvents {
    private final int capacity;
    private final ArrayDeque<StreamEvent> events = new ArrayDeque<>();
    private EventCursor latest = EventCursor.START;

    RecentEvents(int capacity) {
      this.capacity = capacity;
    }

    synchronized void add(StreamEvent event) {
      if (event.kind() == StreamEvent.Kind.REPLY) {
        events.removeIf(
            e -> e.kind() == StreamEvent.Kind.CHUNK && e.messageId().equals(event.messageId()));
      }
      events.addLast(event);
      while (events.size() > capacity) {
        events.removeFirst();
      }
      latest = latest.after(event);
    }

    synchronized int chars() {
      int chars = 64;
      for (StreamEvent e : events) {
        chars += e.json().length() + 32;
      }
      return chars;
    }

    synchronized Snapshot snapshot() {
      return new Snapshot(List.copyOf(events), latest);
    }
  }

  /**
   * One client's stream, read by the thread that writes the HTTP response. {@link #next} returns
   * the replayed events first, then live ones, each at most once and in order.
   */
  public final class Subscription implements AutoCloseable {
    private static final StreamEvent END = new StreamEvent("", StreamEvent.Kind.CHUNK, -1, "", "");

    private final String conversationId;
    private final BlockingQueue<StreamEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ArrayDeque<StreamEvent> replay = new ArrayDeque<>();
    private EventCursor cursor = EventCursor.START;
    private volatile boolean ended;
    private volatile boolean overflowed;

    private Subscription(String conversationId) {
      this.conversationId = conversationId;
    }

    private void start(List<StreamEvent> missed, EventCursor from) {
      replay.addAll(missed);
      cursor = from;
    }

    private void offer(StreamEvent event) {
      if (!ended && !queue.offer(event)) {
        overflowed = true; // too slow a reader: end it, the client resumes from its cursor
        end();
      }
    }

    private void end() {
      ended = true;
      queue.clear();
      queue.offer(END);
    }

    /**
     * The next event the client has not seen, or empty after {@code wait} without one.
     *
     * @throws InterruptedException when the writing thread is interrupted
     * @throws StreamEnded when the stream was ended (shutdown or overflow)
     */
    public Optional<StreamEvent> next(Duration wait) throws InterruptedException, StreamEnded {
      StreamEvent event;
      while ((event = replay.pollFirst()) != null) {
        if (cursor.precedes(event)) {
          cursor = cursor.after(event);
          return Optional.of(event);
        }
      }
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        if (ended && queue.isEmpty()) {
          throw new StreamEnded(overflowed);
        }
        long left = deadline - System.nanoTime();
        event = queue.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (event == null) {
          return Optional.empty();
        }
        if (event == END) {
          throw new StreamEnded(overflowed);
        }
        if (cursor.precedes(event)) {
          cursor = cursor.after(event);
          return Optional.of(event);
        }
      }
    }

    /** The SSE id after the last event {@link #next} returned. */
    public EventCursor cursor() {
      return cursor;
    }

    @Override
    public void close() {
      ended = true;
      remove(this);
    }
  }

  /** The stream was ended by the server; the client should reconnect (with Last-Event-ID). */
  public static final class StreamEnded extends Exception {
    private final boolean overflowed;

    StreamEnded(boolean overflowed) {
      super(overflowed ? "stream fell behind" : "stream ended", null, false, false);
      this.overflowed = overflowed;
    }

    public boolean overflowed() {
      return overflowed;
    }
  }
}
