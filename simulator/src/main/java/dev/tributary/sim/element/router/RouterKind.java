package dev.tributary.sim.element.router;

import dev.tributary.sim.element.ChannelKind;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.format.Fields;
import dev.tributary.sim.value.KeysText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code type: router}: content-based routing by event type, key range or probability, with a default route. */
public final class RouterKind implements ChannelKind {

    /** The type word. */
    public static final String WORD = "router";
    /** The keys of one rule. */
    public static final Set<String> RULE_KEYS = Set.of("type", "keys", "probability", "to");
    private static final Pattern KEY_RANGE = Pattern.compile("\\s*(?:key-)?(\\d+)\\s*(?:\\.\\.|-)\\s*(?:key-)?(\\d+)\\s*");

    @Override
    public String word() {
        return WORD;
    }

    @Override
    public String summary() {
        return "content-based routing by event type, key range or probability, with a default route";
    }

    @Override
    public Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("routes", "rules tried in order, first match wins: {type: T, to: C}, {keys: 0..99, to: C} or {probability: P, to: C}");
        k.put("default", "the channel unmatched events go to; without it they are dropped and counted as unrouted");
        return k;
    }

    @Override
    public ChannelSpec bind(String id, Fields f) {
        List<RouterSpec.Rule> rules = new ArrayList<>();
        for (Fields.Entry e : f.list("routes", false)) {
            Fields r = e.fields(f.problems(), "a rule mapping such as {type: refund, to: refunds}");
            if (r != null) {
                RouterSpec.Rule rule = rule(r);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        String def = f.has("default") ? f.channelRef("default", false) : null;
        if (rules.isEmpty() && !f.has("default")) {
            f.problem("a router needs 'routes' or a 'default' target; it has neither");
        }
        return id == null ? null : new RouterSpec(id, rules, def);
    }

    private static long parse(String digits) {
        return digits.length() > 12 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static RouterSpec.Rule rule(Fields m) {
        m.checkKeys(RULE_KEYS, Map.of());
        String to = m.has("to") ? m.channelRef("to", false) : null;
        if (to == null && !m.has("to")) {
            m.problem("to", "is missing; expected the channel id this rule sends events to");
        }
        int kinds = 0;
        RouterSpec.Rule r = null;
        if (m.has("type")) {
            kinds++;
            String t = m.text("type", "an event type", null);
            if (t != null) {
                r = RouterSpec.Rule.ofType(t, to);
            }
        }
        if (m.has("keys")) {
            kinds++;
            String t = m.text("keys", "a key range such as 0..99", null);
            Matcher km = t == null ? null : KEY_RANGE.matcher(t);
            if (km != null && km.matches()) {
                long from = parse(km.group(1));
                long last = parse(km.group(2));
                if (from > KeysText.MAX_KEYS || last > KeysText.MAX_KEYS) {
                    m.problem("keys", "expected key indices from 0 to " + KeysText.MAX_KEYS + "; got " + t);
                } else if (last < from) {
                    m.problem("keys", "expected a range whose end is not below its start; got " + t);
                } else {
                    r = RouterSpec.Rule.ofKeys((int) from, (int) last, to);
                }
            } else if (t != null) {
                m.problem("keys", "expected a key range such as 0..99 or key-0..key-99; got '" + t + "'");
            }
        }
        if (m.has("probability")) {
            kinds++;
            double p = m.probability("probability", Double.NaN);
            if (!Double.isNaN(p)) {
                r = RouterSpec.Rule.ofProbability(p, to);
            }
        }
        if (kinds == 0) {
            m.problem("expected a rule with one of 'type', 'keys' or 'probability'");
        } else if (kinds > 1) {
            m.problem("expected exactly one of 'type', 'keys' or 'probability' in a rule; got " + kinds);
            return null;
        }
        return to == null ? null : r;
    }
}
