package io.streamdesk.intent.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Context words right before a number, which decide what the number is when its digits alone
 * cannot. The rule that matters most: a number introduced as an order, tracking, invoice or
 * reference number is never masked, whatever it looks like, because customers and agents need it.
 */
final class NumberContext {

  /** How far back (chars) a context word may start before the number. */
  private static final int WINDOW = 24;

  private static final String LINK = "(?:\\s*(?:is|was|:|：|#|=|是|为|號|号|码|no\\.?|nr\\.?)){0,4}\\s*$";

  /** 订单号 / 运单号 / order no. / tracking number / invoice # ... */
  static final Pattern ORDER =
      Pattern.compile(
          "(?:订单编号|订单号码|订单号|订单|單號|单号|运单号|运单|快递单号|快递号|物流单号|物流号|取件码|发票号码|发票号"
              + "|order|tracking|invoice|reference|ref|waybill|shipment|parcel|consignment)"
              + "(?:\\s*(?:no\\.?|number|num|id|code|#))?"
              + LINK,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** 卡号 / 银行卡 / card number / account number: the number is a card even with an unusual IIN. */
  static final Pattern CARD =
      Pattern.compile(
          "(?:卡号|银行卡|信用卡|储蓄卡|借记卡|银行账号|银行帐号|账号|帐号|card|account)"
              + "(?:\\s*(?:no\\.?|number|num|#))?"
              + LINK,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** 身份证 / ID card: required before a 15-digit legacy ID, which has no checksum. */
  static final Pattern ID_CARD =
      Pattern.compile(
          "(?:身份证号码|身份证号|身份证|证件号码|证件号|id\\s*card|identity\\s*card|id\\s*number|id)"
              + "(?:\\s*(?:no\\.?|number|#))?"
              + LINK,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** v1.2.3.4 / version 10.0.0.1 / 版本号: a dotted quad that is a version, not an address. */
  static final Pattern VERSION =
      Pattern.compile(
          "(?:\\bv|\\bver\\.?|version|固件|版本号|版本)" + LINK,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private NumberContext() {}

  /** True when {@code context} ends right before {@code start} in {@code text}. */
  static boolean precedes(Pattern context, String text, int start) {
    Matcher m = context.matcher(text);
    m.region(Math.max(0, start - WINDOW), start);
    m.useTransparentBounds(true);
    return m.find();
  }
}
