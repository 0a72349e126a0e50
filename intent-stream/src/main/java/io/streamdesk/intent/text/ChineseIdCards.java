package io.streamdesk.intent.text;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Rules of the Chinese resident identity number (GB 11643-1999): six-digit address code whose first
 * two digits name a province, birth date, three-digit sequence, and for the 18-digit form an ISO
 * 7064 MOD 11-2 check character (0-9 or X).
 */
final class ChineseIdCards {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private ChineseIdCards() {}

  /** True for an 18-char number with a known province, a real birth date and a valid check char. */
  static boolean isValid18(String id) {
    if (id.length() != 18 || !isProvince(id)) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    char last = Character.toUpperCase(id.charAt(17));
    return CHECK[sum % 11] == last && isDate(id, 6, 4);
  }

  /** True for a 15-digit legacy number with a known province and a real 19yy birth date. */
  static boolean isValid15(String id) {
    if (id.length() != 15 || !isProvince(id)) {
      return false;
    }
    for (int i = 0; i < 15; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return isDate("19" + id.substring(6, 12), 0, 4);
  }

  /** Province codes in use: 11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71 (TW), 81-83 (HK/MO/TW). */
  private static boolean isProvince(String id) {
    int p = (id.charAt(0) - '0') * 10 + (id.charAt(1) - '0');
    return (p >= 11 && p <= 15)
        || (p >= 21 && p <= 23)
        || (p >= 31 && p <= 37)
        || (p >= 41 && p <= 46)
        || (p >= 50 && p <= 54)
        || (p >= 61 && p <= 65)
        || p == 71
        || (p >= 81 && p <= 83);
  }

  private static boolean isDate(String s, int from, int yearDigits) {
    try {
      int year = Integer.parseInt(s.substring(from, from + yearDigits));
      int month = Integer.parseInt(s.substring(from + yearDigits, from + yearDigits + 2));
      int day = Integer.parseInt(s.substring(from + yearDigits + 2, from + yearDigits + 4));
      if (year < 1900 || year > 2099) {
        return false;
      }
      LocalDate.of(year, month, day);
      return true;
    } catch (NumberFormatException | DateTimeException e) {
      return false;
    }
  }
}
