package io.streamdesk.intent.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rules for an explicit request to talk to a human, in Chinese and English. A message is split into
 * clauses at sentence punctuation; a clause counts when it asks for a person (转人工, 找人工客服, 叫你们经理来,
 * 换个人, 跟客服专员说; "talk to a real person", "agent please", "transfer me to", "have an agent call me
 * back", "escalate"), or rejects the bot (不想对着机器人打字, "tired of this bot"), unless it only asks
 * <em>whether</em> it talks to a human (你是真人吗, "is this a human?") or negates the request (不用转人工,
 * "I don't need an agent"). Words that merely contain 人工 or 真人 (人工费, 人工智能, 真人秀) or name the hotline
 * (客服电话) do not count.
 *
 * <p>Written for simplified Chinese: {@link HandoffSignals} folds traditional characters first.
 */
final class HandoffRequestRules {

  /** Every rule needs one of these words; most messages have none and skip the regexes. */
  private static final PhraseTrie<Boolean> TRIGGERS =
      PhraseTrie.of(
          Stream.of(
                  "人",
                  "转接",
                  "客服",
                  "经理",
                  "主管",
                  "专员",
                  "同事",
                  "机器",
                  "自动回复",
                  "电话",
                  "rengong",
                  "ai",
                  "human",
                  "humans",
                  "person",
                  "people",
                  "agent",
                  "agents",
                  "representative",
                  "representatives",
                  "rep",
                  "operator",
                  "someone",
                  "somebody",
                  "anyone",
                  "manager",
                  "supervisor",
                  "specialist",
                  "technician",
                  "colleague",
                  "staff",
                  "escalate",
                  "escalation",
                  "transfer",
                  "bot",
                  "bots",
                  "robot",
                  "machine",
                  "chatbot",
                  "customer service")
              .collect(Collectors.toMap(w -> w, w -> Boolean.TRUE)));

  private static final Pattern SENTENCE_SPLIT = Pattern.compile("[。！？!?\\n]+");
  private static final Pattern CLAUSE_SPLIT = Pattern.compile("[，；,.;]+");

  /** A person on the shop's side; 人工 / 真人 / 客服 only where they mean a person. */
  private static final String ZH_STAFF =
      "(?:人工客服|人工服务(?!费)|人工坐席|人工在线客服|在线人工|在线客服|电话客服|视频客服|专属客服|真人客服"
          + "|客服人员|客服专员|客服主管|客服经理|售后专员|售后的?同事|技术人员|工作人员|值班经理|专员|活人|经理|主管|同事"
          + "|人工(?!费|智能|成本|安装|合成|降雨|养殖|授精|种植|草|湖|造|服务费)"
          + "|真人(?!秀|版|cs|CS|电影|尺寸|大小|照片|图|实拍)"
          + "|客服(?!电话|热线|邮箱|工作时间|时间|上班))";

  /** 人 as "a person" at the end of a short request (换人, 叫个人来), not in 人民币, 人群. */
  private static final String ZH_PERSON = "人(?![\\p{IsHan}&&[^吧吗呢啊了呀哦嘛来处]])";

  private static final List<Pattern> ZH_RULES =
      Stream.of(
              // 转人工, 转接客服, 转技术人员, 转人
              "转(?:接|到|给|成)?(?:一下|下)?(?:" + ZH_STAFF + "|" + ZH_PERSON + ")",
              // 把我转给售后的同事
              "把我(?:转|接|交)(?:给|到)",
              // 找人工, 叫你们经理, 安排一位客服, 让专员来, 求真人客服, 要求人工处理, 接人工
              "(?:找|要|叫|换|联系|接通|接|呼叫|让|喊|求|安排|要求)(?:一?个|一位|一下|下|你们的?|我)?" + ZH_STAFF,
              // 换人, 要人, 叫个人来, 让人来处理
              "(?:换|要|叫|找|让)(?:一?个|一位)?" + ZH_PERSON,
              // 给我找个能做主的人
              "找(?:一?个|一位)[^，。？！]{0,6}的" + ZH_PERSON,
              // 跟人工沟通, 和人聊, 跟客服专员说话, 和你们的工作人员通话
              "(?:和|跟|与)(?:你们的?)?(?:" + ZH_STAFF + "|真人|人)(?:直接)?(?:聊|说|沟通|通话|谈|对话|讲|交流)",
              // 有没有人工, 你们有没有能直接说话的客服, 有人工吗
              "有没有[^，。？！]{0,8}?" + ZH_STAFF,
              "有" + ZH_STAFF + "吗",
              "人工客服|人工服务(?!费)",
              // 人工在线客服怎么找, 在线客服在哪
              ZH_STAFF + "(?:(?:怎么|如何|去哪里?|哪里)(?:找|联系|转|接)|在哪里?)",
              // call-backs: 给我打个电话, 回个电话, 打电话给客服
              "给我打(?:个|一个)?电话|回(?:个|一个)?电话|打电话给(?:你们|客服|人工)",
              // the bot is rejected: 不要机器人, 不想对着机器人打字
              "(?:不要|不想要?|别用|受不了|不想(?:对着|跟|和)?)(?:跟|和|对着)?(?:机器人|机器|智能客服|自动回复|ai|AI)")
          .map(Pattern::compile)
          .toList();

  private static final Pattern ZH_BARE =
      Pattern.compile(
          "^(?:请|我要|转)?(?:人工|真人|客服|人工客服|真人客服|转人工|转接|人工服务){1,10}(?:吧|啊|呀|谢谢)?$"
              + "|^(?:zhuan\\s*)?ren\\s*gong$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ZH_NEGATED =
      Pattern.compile("(?:不用|不要|不需要|无需|没必要|不想|不必)(?:再|给我)?(?:转|找|要|叫|换)?(?:接)?(?:人工|真人|客服|经理)");

  private static final Pattern ZH_IDENTITY =
      Pattern.compile(
          "(?:你是|你们是|这是|对面是|是不是|是否|(?<![不就还])是)(?:一个|个)?(?:真人|人工|机器人|机器|ai|智能客服|真的人)(?:客服)?"
              + "(?:吗|么|嘛|吧|呢|还是.*)?$");

  /** A person on the shop's side, in English. */
  private static final String EN_STAFF =
      "(?:humans?(?:\\s+(?:being|agents?))?|persons?|people|agents?|representatives?|reps?|operators?"
          + "|someone|somebody|managers?|supervisors?|specialists?|technicians?|colleagues?|experts?"
          + "|staff(?:\\s+members?)?|service\\s+desk|support\\s+staff|customer\\s+service(?:\\s+reps?|\\s+representatives?)?)";

  /**
   * The narrower set for "have an agent call me back": no technician or specialist of any trade.
   */
  private static final String EN_AGENT =
      "(?:humans?|persons?|agents?|representatives?|reps?|operators?|someone|somebody|managers?|supervisors?"
          + "|staff\\s+members?|customer\\s+service(?:\\s+reps?|\\s+representatives?)?)";

  private static final String EN_ARTICLE = "(?:(?:a|an|the|some|your|my|one\\s+of\\s+your)\\s+)?";

  private static final List<Pattern> EN_RULES =
      Stream.of(
              // talk to a real person, speak directly with an after-sales specialist
              "\\b(?:talk|speak|chat)(?:ing)?\\s+(?:directly\\s+)?(?:to|with)\\s+"
                  + EN_ARTICLE
                  + "(?:[\\w-]+\\s+){0,2}?"
                  + EN_STAFF
                  + "\\b",
              // transfer me to ..., put me through to ..., switch me to ...
              "\\b(?:transfer|pass|switch|forward|hand|put)\\s+me\\s+(?:over\\s+|through\\s+|back\\s+)?(?:to|with)\\b",
              "\\btransfer\\s+(?:this\\s+|it\\s+)?to\\s+"
                  + EN_ARTICLE
                  + "(?:[\\w-]+\\s+){0,2}?"
                  + EN_STAFF
                  + "\\b",
              // connect me with customer service, can I be connected to a person
              "\\bconnect(?:ed)?\\s+(?:me\\s+)?(?:to|with)\\s+"
                  + EN_ARTICLE
                  + "(?:[\\w-]+\\s+){0,2}?"
                  + EN_STAFF
                  + "\\b",
              // I want a human, get me your manager, can I have an agent, I insist on a person
              "\\b(?:want|need|get|give|request|insist\\s+on|(?:can|could|may)\\s+i\\s+have)\\s+(?:me\\s+)?"
                  + EN_ARTICLE
                  + "(?:real\\s+|live\\s+|actual\\s+)?"
                  + "(?:humans?|agents?|representatives?|reps?|operators?|managers?|supervisors?|specialists?"
                  + "|staff\\s+members?|(?:real|live|actual)\\s+(?:person|human|people))\\b",
              "\\bget\\s+me\\s+"
                  + EN_ARTICLE
                  + "(?:someone|somebody|persons?|people|support\\s+staff)\\b",
              // human agent, live support, real people
              "\\b(?:human|live|real)\\s+(?:agents?|persons?|people|representatives?|support)\\b",
              // have an agent call me back, can a human handle this, let a human deal with it
              "\\b(?:have|get|can|could|let|ask|may)\\s+"
                  + EN_ARTICLE
                  + "(?:[\\w-]+\\s+)?"
                  + EN_AGENT
                  + "\\s+(?:call|ring|phone|contact|e-?mail|reach|get\\s+back|look\\s+at|handle|deal\\s+with"
                  + "|review|check|follow\\s+up|help)\\b",
              // any humans around? is there a human available? do you have agents I can talk to?
              "\\b(?:any|is\\s+there|are\\s+there|do\\s+you\\s+have|where\\s+are)\\s+(?:(?:a|an|any|some|your|real|live|actual)\\s+){0,4}"
                  + "(?:humans?|human\\s+agents?|agents?|staff|representatives?|specialists?|real\\s+(?:person|people))\\b",
              // how do I contact a human, reach a live chat agent
              "\\b(?:contact|reach|get\\s+hold\\s+of)\\s+"
                  + EN_ARTICLE
                  + "(?:real\\s+|live\\s+(?:chat\\s+)?|human\\s+)?(?:humans?|agents?|persons?|representatives?|managers?|supervisors?)\\b",
              "\\bfind\\s+"
                  + EN_ARTICLE
                  + "(?:real\\s+|live\\s+(?:chat\\s+)?|human\\s+)(?:agents?|persons?|representatives?)\\b",
              "\\bassign\\s+(?:me\\s+)?"
                  + EN_ARTICLE
                  + "(?:someone|agents?|persons?|humans?|reps?|representatives?|specialists?)\\b",
              "\\bneed\\s+(?:a|an)\\s+(?:real\\s+)?(?:person|human)\\s+to\\s+(?:look|check|help|handle|review|deal|sort|call|explain)\\b",
              "\\bput\\s+(?:a|an|some)\\s+(?:[\\w,]+\\s+){0,3}?(?:person|human|agent)\\s+on\\b",
              "\\bescalat(?:e|ing|ion)\\b",
              // the bot is rejected
              "\\b(?:stop|no\\s+more|enough\\s+of|tired\\s+of|sick\\s+of|hate)\\s+(?:[\\w']+\\s+){0,3}?(?:bots?|robots?|machines?|chatbot|ai)\\b",
              "\\b(?:don't|do\\s+not|dont)\\s+want\\s+(?:[\\w']+\\s+){0,4}?(?:bots?|robots?|machines?|chatbot|ai)\\b",
              "\\bnot\\s+(?:talking|speaking|chatting|typing)\\s+(?:to|with)\\s+(?:a\\s+|the\\s+)?(?:bot|robot|machine|chatbot|ai)\\b")
          .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE))
          .toList();

  private static final Pattern EN_BARE =
      Pattern.compile(
          "^(?:(?:an?\\s+)?(?:agent|human|representative|rep|operator|real\\s+person|live\\s+agent|live\\s+person"
              + "|person|customer\\s+service|transfer|escalate)\\s*){1,10}(?:please|pls|plz|now|thanks|thank\\s+you)?$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern EN_NEGATED =
      Pattern.compile(
          "\\b(?:don't|do\\s+not|dont|no\\s+need\\s+(?:for|to)|never|won't|not)\\s+(?:\\S+\\s+){0,3}?"
              + "(?:a\\s+|an\\s+|the\\s+)?(?:real\\s+|live\\s+)?(?:human|agent|representative|person|operator|manager)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern EN_REJECTS_BOT =
      Pattern.compile("\\b(?:bots?|robots?|machines?|chatbot|ai)$", Pattern.CASE_INSENSITIVE);

  /** Questions about what the assistant is: "are you a real person", "if you are a bot". */
  private static final Pattern EN_IDENTITY =
      Pattern.compile(
          "(?:^(?:is\\s+(?:this|that|it)|am\\s+i\\s+(?:talking|speaking|chatting)\\s+(?:to|with)"
              + "|who\\s+am\\s+i\\s+(?:talking|speaking)\\s+(?:to|with))"
              + "|\\b(?:are|r)\\s+(?:you|u)\\b|\\b(?:you|u)\\s+(?:are|be|r)\\b|\\blike\\s+a\\s+real\\b)"
              + ".*\\b(?:human|real|person|bot|robot|ai|machine|agent|automated|people|computer)\\b",
          Pattern.CASE_INSENSITIVE);

  private HandoffRequestRules() {}

  /** The phrase of the first clause that asks for a human, if any. */
  static Optional<String> find(String text) {
    if (TRIGGERS.find(text).isEmpty()) {
      return Optional.empty();
    }
    for (String sentence : SENTENCE_SPLIT.split(text)) {
      // A question about what the assistant is ("am I speaking with ai or a real, live person")
      // is skipped whole, before commas split it into innocent-looking clauses.
      if (EN_IDENTITY.matcher(sentence).find()) {
        continue;
      }
      for (String raw : CLAUSE_SPLIT.split(sentence)) {
        String clause = raw.strip();
        if (!clause.isEmpty()) {
          Optional<String> hit = inClause(clause);
          if (hit.isPresent()) {
            return hit;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isIdentityQuestion(String sentence) {
    String s = sentence.strip();
    return ZH_IDENTITY.matcher(s).find() || EN_IDENTITY.matcher(s).find();
  }

  private static Optional<String> inClause(String clause) {
    if (isIdentityQuestion(clause)) {
      return Optional.empty();
    }
    if (ZH_BARE.matcher(clause).matches() || EN_BARE.matcher(clause).matches()) {
      return Optional.of(clause);
    }
    if (!ZH_NEGATED.matcher(clause).find()) {
      for (Pattern rule : ZH_RULES) {
        Matcher m = rule.matcher(clause);
        if (m.find()) {
          return Optional.of(m.group());
        }
      }
    }
    for (Pattern rule : EN_RULES) {
      Matcher m = rule.matcher(clause);
      if (m.find()) {
        String phrase = m.group().toLowerCase(Locale.ROOT);
        // "I don't need an agent" negates; "I don't want a bot" is itself the request.
        if (EN_REJECTS_BOT.matcher(phrase).find() || !EN_NEGATED.matcher(clause).find()) {
          return Optional.of(phrase);
        }
      }
    }
    return Optional.empty();
  }
}
