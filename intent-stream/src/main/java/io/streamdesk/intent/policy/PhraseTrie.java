package io.streamdesk.intent.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Case-insensitive phrase matcher: leftmost-longest, non-overlapping matches in one pass over the
 * text with no allocation per character (children are sorted char arrays, searched by binary
 * search). A phrase that starts (ends) with a Latin letter or digit only matches where the text has
 * no Latin letter or digit right before (after) it, so {@code 12315} never fires inside a longer
 * number and {@code scam} not inside {@code scampi}.
 *
 * @param <V> value stored with each phrase
 */
final class PhraseTrie<V> {

  /** A phrase found in a text: chars {@code [start, end)}. */
  record Hit<V>(int start, int end, V value) {}

  private final Node<V> root;

  private PhraseTrie(Node<V> root) {
    this.root = root;
  }

  /** Builds the trie; later entries win for duplicate phrases. */
  static <V> PhraseTrie<V> of(Map<String, V> phrases) {
    Builder<V> root = new Builder<>();
    phrases.forEach(
        (phrase, value) -> {
          if (phrase.isEmpty()) {
            throw new IllegalArgumentException("empty phrase");
          }
          Builder<V> node = root;
          for (int i = 0; i < phrase.length(); i++) {
            node = node.children.computeIfAbsent(fold(phrase.charAt(i)), k -> new Builder<>());
          }
          node.value = value;
          node.startEdge = edge(phrase.charAt(0));
          node.endEdge = edge(phrase.charAt(phrase.length() - 1));
        });
    return new PhraseTrie<>(root.freeze());
  }

  List<Hit<V>> find(String text) {
    List<Hit<V>> hits = null;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char before = i > 0 ? text.charAt(i - 1) : ' ';
      int bestEnd = -1;
      V bestValue = null;
      Node<V> node = root;
      for (int j = i; j < n; j++) {
        node = node.child(fold(text.charAt(j)));
        if (node == null) {
          break;
        }
        char after = j + 1 < n ? text.charAt(j + 1) : ' ';
        if (node.value != null && !joins(node.startEdge, before) && !joins(node.endEdge, after)) {
          bestEnd = j + 1;
          bestValue = node.value;
        }
      }
      if (bestEnd < 0) {
        i++;
        continue;
      }
      if (hits == null) {
        hits = new ArrayList<>(2);
      }
      hits.add(new Hit<>(i, bestEnd, bestValue));
      i = bestEnd;
    }
    return hits == null ? List.of() : hits;
  }

  private static char fold(char c) {
    return Character.toLowerCase(c);
  }

  /** 0: free edge, 1: letter edge, 2: digit edge. */
  private static int edge(char c) {
    return (c >= '0' && c <= '9') ? 2 : isAsciiAlnum(c) ? 1 : 0;
  }

  /** True when {@code neighbour} glues onto a phrase edge of kind {@code edge}. */
  private static boolean joins(int edge, char neighbour) {
    if (edge == 0) {
      return false;
    }
    if (isAsciiAlnum(neighbour)) {
      return true;
    }
    return edge == 2 && "-./:#".indexOf(neighbour) >= 0;
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static final class Node<V> {
    final char[] keys;
    final Node<V>[] children;
    final V value;
    final int startEdge;
    final int endEdge;

    Node(char[] keys, Node<V>[] children, V value, int startEdge, int endEdge) {
      this.keys = keys;
      this.children = children;
      this.value = value;
      this.startEdge = startEdge;
      this.endEdge = endEdge;
    }

    Node<V> child(char c) {
      int k = Arrays.binarySearch(keys, c);
      return k < 0 ? null : children[k];
    }
  }

  private static final class Builder<V> {
    final Map<Character, Builder<V>> children = new TreeMap<>();
    V value;
    int startEdge;
    int endEdge;

    @SuppressWarnings("unchecked")
    Node<V> freeze() {
      char[] keys = new char[children.size()];
      Node<V>[] nodes = new Node[children.size()];
      int k = 0;
      for (Map.Entry<Character, Builder<V>> e : children.entrySet()) {
        keys[k] = e.getKey();
        nodes[k] = e.getValue().freeze();
        k++;
      }
      return new Node<>(keys, nodes, value, startEdge, endEdge);
    }
  }
}
