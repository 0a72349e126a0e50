package io.streamdesk.intent.text;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 dotted quads (each octet 0-255, no leading zeros) unless introduced as a version number
 * ({@code v1.2.3.4}, {@code 版本 10.0.0.1}), and IPv6 addresses in any RFC 4291 text form (full,
 * {@code ::}-compressed, with an embedded IPv4 tail) validated by a parser rather than one
 * unreadable regex. Clock times ({@code 12:30:45}) and MAC addresses fail IPv6 validation; a
 * candidate needs a digit or three groups, so {@code Bad::Cafe} in code is not an address.
 */
final class IpAddressDetector implements PiiDetector {

  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 =
      Pattern.compile("(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)");
  private static final Pattern IPV6_CANDIDATE =
      Pattern.compile(
          "(?<![0-9A-Za-z:.])[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?![0-9A-Za-z:])");

  @Override
  public void detect(String text, List<PiiMatch> out) {
    boolean hasDot = text.indexOf('.') >= 0;
    if (hasDot) {
      Matcher m = IPV4.matcher(text);
      while (m.find()) {
        if (!NumberContext.precedes(NumberContext.VERSION, text, m.start())) {
          out.add(new PiiMatch(m.start(), m.end(), PiiType.IP, m.group()));
        }
      }
    }
    if (text.indexOf(':') < 0) {
      return;
    }
    Matcher m = IPV6_CANDIDATE.matcher(text);
    while (m.find()) {
      String candidate = m.group();
      int end = m.end();
      // A sentence may end right after the address.
      while (candidate.endsWith(".")) {
        candidate = candidate.substring(0, candidate.length() - 1);
        end--;
      }
      if (candidate.length() <= 45 && isIpv6(candidate)) {
        out.add(new PiiMatch(m.start(), end, PiiType.IP, candidate.toLowerCase(Locale.ROOT)));
      }
    }
  }

  static boolean isIpv4(String s) {
    return IPV4.matcher(s).matches();
  }

  /** RFC 4291 section 2.2 text forms, plus the heuristics in the class comment. */
  static boolean isIpv6(String s) {
    int compressed = s.indexOf("::");
    if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    int[] counts = new int[2]; // [0] groups (an IPv4 tail counts 2), [1] non-empty hex groups
    if (compressed >= 0) {
      String head = s.substring(0, compressed);
      String tail = s.substring(compressed + 2);
      if (!countGroups(head, false, counts) || !countGroups(tail, true, counts)) {
        return false;
      }
      if (counts[0] > 7) {
        return false;
      }
    } else if (!countGroups(s, true, counts) || counts[0] != 8) {
      return false;
    }
    boolean hasDigit = s.chars().anyMatch(Character::isDigit);
    return counts[1] >= 3 || (counts[1] >= 2 && hasDigit);
  }

  private static boolean countGroups(String part, boolean mayEndWithIpv4, int[] counts) {
    if (part.isEmpty()) {
      return true;
    }
    String[] groups = part.split(":", -1);
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean last = i == groups.length - 1;
      if (last && mayEndWithIpv4 && g.indexOf('.') >= 0) {
        if (!isIpv4(g)) {
          return false;
        }
        counts[0] += 2;
        counts[1] += 2;
        continue;
      }
      if (g.isEmpty() || g.length() > 4 || !isHex(g)) {
        return false;
      }
      counts[0]++;
      counts[1]++;
    }
    return true;
  }

  private static boolean isHex(String g) {
    for (int i = 0; i < g.length(); i++) {
      if (Character.digit(g.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
