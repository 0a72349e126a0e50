package io.streamdesk.generation.worker;

import io.streamdesk.schemas.events.GenerateReply;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumed record from fetch to commit. Touched only by the poll thread; the task that handles
 * it reports back through the worker's completion queue.
 */
final class Pending {

  /** Where a record is on its way to a commit. */
  enum State {
    /** Fetched; starts when due (retry records wait for their due time) and a slot is free. */
    WAITING,
    /** Its task is generating. */
    RUNNING,
    /** Its output records are ready; committed with the partition's done prefix. */
    DONE
  }

  final long id;
  final ConsumerRecord<byte[], byte[]> record;
  final TopicPartition partition;
  State state = State.WAITING;
  long dueAt;
  GenerateReply request;
  Future<?> task;
  Outcome outcome;
  List<ProducerRecord<byte[], byte[]>> outputs = List.of();

  Pending(long id, ConsumerRecord<byte[], byte[]> record, long dueAt) {
    this.id = id;
    this.record = record;
    this.partition = new TopicPartition(record.topic(), record.partition());
    this.dueAt = dueAt;
  }

  long offset() {
    return record.offset();
  }

  void done(Outcome outcome, List<ProducerRecord<byte[], byte[]>> outputs) {
    this.outcome = outcome;
    this.outputs = List.copyOf(outputs);
    this.state = State.DONE;
    this.task = null;
  }

  /** Stops its task, if any; the task's late report is ignored once the record is dropped. */
  void cancel() {
    Future<?> t = task;
    if (t != null) {
      t.cancel(true);
    }
  }

  @Override
  public String toString() {
    return partition + "@" + record.offset() + " " + state;
  }
}
