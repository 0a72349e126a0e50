package io.streamdesk.generation.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The uncommitted records of every assigned partition, in offset order. Records finish in any order
 * (generations run concurrently) but a partition commits only its <em>done prefix</em>: the records
 * before its lowest unfinished offset. Their outputs go into the same transaction as that offset,
 * so a reply is never visible without its request being committed, nor the other way round.
 */
final class Ledger {

  private final Map<TopicPartition, TreeMap<Long, Pending>> partitions = new HashMap<>();

  /** Adds a fetched record; false when that offset is already tracked. */
  boolean add(Pending pending) {
    TreeMap<Long, Pending> records =
        partitions.computeIfAbsent(pending.partition, p -> new TreeMap<>());
    return records.putIfAbsent(pending.offset(), pending) == null;
  }

  /** Whether {@code pending} is still tracked (not committed, dropped or replaced). */
  boolean owns(Pending pending) {
    TreeMap<Long, Pending> records = partitions.get(pending.partition);
    return records != null && records.get(pending.offset()) == pending;
  }

  /** Records that may start now, oldest fetch first. */
  List<Pending> startable(long now) {
    List<Pending> out = new ArrayList<>();
    for (TreeMap<Long, Pending> records : partitions.values()) {
      for (Pending p : records.values()) {
        if (p.state == Pending.State.WAITING && p.dueAt <= now) {
          out.add(p);
        }
      }
    }
    out.sort(Comparator.comparingLong(p -> p.id));
    return out;
  }

  /** The earliest due time of a waiting record, if any. */
  OptionalLong earliestDue() {
    return all().stream()
        .filter(p -> p.state == Pending.State.WAITING)
        .mapToLong(p -> p.dueAt)
        .min();
  }

  /** Partitions holding a record that waits for a due time still ahead. */
  Set<TopicPartition> waitingFor(long now) {
    Set<TopicPartition> out = new HashSet<>();
    partitions.forEach(
        (tp, records) -> {
          for (Pending p : records.values()) {
            if (p.state == Pending.State.WAITING && p.dueAt > now) {
              out.add(tp);
              break;
            }
          }
        });
    return out;
  }

  /** For each partition with one, its done prefix (records before the lowest unfinished one). */
  Map<TopicPartition, List<Pending>> donePrefixes() {
    Map<TopicPartition, List<Pending>> out = new LinkedHashMap<>();
    partitions.forEach(
        (tp, records) -> {
          List<Pending> prefix = new ArrayList<>();
          for (Pending p : records.values()) {
            if (p.state != Pending.State.DONE) {
              break;
            }
            prefix.add(p);
          }
          if (!prefix.isEmpty()) {
            out.put(tp, prefix);
          }
        });
    return out;
  }

  /** How many records of the partition the ledger holds (done or not). */
  int size(TopicPartition partition) {
    TreeMap<Long, Pending> records = partitions.get(partition);
    return records == null ? 0 : records.size();
  }

  /** Forgets a partition's records up to and including {@code offset} (they are committed). */
  void committed(TopicPartition partition, long offset) {
    TreeMap<Long, Pending> records = partitions.get(partition);
    if (records != null) {
      records.headMap(offset, true).clear();
      if (records.isEmpty()) {
        partitions.remove(partition);
      }
    }
  }

  /** Forgets the partitions' records and returns them (for the caller to cancel). */
  List<Pending> drop(Collection<TopicPartition> dropped) {
    List<Pending> out = new ArrayList<>();
    for (TopicPartition tp : dropped) {
      TreeMap<Long, Pending> records = partitions.remove(tp);
      if (records != null) {
        out.addAll(records.values());
      }
    }
    return out;
  }

  /** Forgets every record and returns them. */
  List<Pending> dropAll() {
    return drop(new ArrayList<>(partitions.keySet()));
  }

  /** Records of these partitions whose task is running. */
  long running(Collection<TopicPartition> of) {
    long count = 0;
    for (TopicPartition tp : of) {
      TreeMap<Long, Pending> records = partitions.get(tp);
      if (records != null) {
        count += records.values().stream().filter(p -> p.state == Pending.State.RUNNING).count();
      }
    }
    return count;
  }

  /** Records whose task is running. */
  int running() {
    return (int) all().stream().filter(p -> p.state == Pending.State.RUNNING).count();
  }

  /** All uncommitted records. */
  int size() {
    return partitions.values().stream().mapToInt(Map::size).sum();
  }

  List<Pending> all() {
    List<Pending> out = new ArrayList<>();
    partitions.values().forEach(records -> out.addAll(records.values()));
    return out;
  }
}
