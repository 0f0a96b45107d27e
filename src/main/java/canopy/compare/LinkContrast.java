package canopy.compare;

import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleAnalyzer.Analysis;
import canopy.engine.ScheduleAnalyzer.LinkUse;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a schedule loses bandwidth against another on the same topology: each link's utilisation
 * (busy time Σ over stages of load / bandwidth, over the completion time; 1 on a bottleneck), the busiest
 * links, and the links the first saturates that the second (the optimum) does not need at full rate.
 * Exact throughout.
 */
public final class LinkContrast {
    /** One directed link's utilisation in a schedule, exact, between 0 and 1. */
    public record LinkUtilisation(String from, String to, Rational bandwidth, Rational utilisation) {
        public String name() {
            return from + "→" + to;
        }
    }

    private LinkContrast() {
    }

    /** Every used link's utilisation, busiest first (ties in the analysis' link order). */
    public static List<LinkUtilisation> utilisation(Topology t, Schedule s) {
        Analysis a = ScheduleAnalyzer.analyze(t, s);
        List<LinkUtilisation> out = new ArrayList<>();
        if (a.timePerBuffer().signum() == 0) {
            return out;
        }
        for (LinkUse l : a.links()) {
            Rational busy = Rational.ZERO;
            for (Rational load : l.loadByStage().values()) {
                busy = busy.add(load.divide(l.bandwidth()));
            }
            if (busy.signum() > 0) {
                out.add(new LinkUtilisation(l.from(), l.to(), l.bandwidth(), busy.divide(a.timePerBuffer())));
            }
        }
        out.sort(Comparator.comparing(LinkUtilisation::utilisation).reversed());
        return out;
    }

    /** The k busiest links. */
    public static List<LinkUtilisation> busiest(Topology t, Schedule s, int k) {
        List<LinkUtilisation> all = utilisation(t, s);
        return all.subList(0, Math.min(k, all.size()));
    }

    /**
     * The links schedule saturates (utilisation 1) that optimum uses below full rate or not at all, each
     * with optimum's utilisation (zero when idle), in schedule's link order.
     */
    public static List<LinkUtilisation> saturatedNotNeeded(Topology t, Schedule schedule, Schedule optimum) {
        Map<String, Rational> best = new HashMap<>();
        for (LinkUtilisation l : utilisation(t, optimum)) {
            best.put(l.name(), l.utilisation());
        }
        List<LinkUtilisation> out = new ArrayList<>();
        for (LinkUtilisation l : utilisation(t, schedule)) {
            if (!l.utilisation().equals(Rational.ONE)) {
                break;
            }
            Rational other = best.getOrDefault(l.name(), Rational.ZERO);
            if (other.compareTo(Rational.ONE) < 0) {
                out.add(new LinkUtilisation(l.from(), l.to(), l.bandwidth(), other));
            }
        }
        return out;
    }

    /**
     * One sentence on where schedule loses bandwidth against optimum: the links it saturates that the
     * optimum does not need at full rate (up to four named), and the two algbws.
     */
    public static String sentence(Topology t, Schedule schedule, String label, Schedule optimum, String optimumLabel) {
        List<LinkUtilisation> links = saturatedNotNeeded(t, schedule, optimum);
        Rational share = optimum.algbw().signum() == 0 ? null : schedule.algbw().divide(optimum.algbw());
        String reach = share == null ? "" : String.format(java.util.Locale.ROOT, " and reaches %.1f%% of %s's algbw",
                100 * share.toDouble(), optimumLabel);
        if (links.isEmpty()) {
            return label + " saturates no link that " + optimumLabel + " uses below full rate: it loses bandwidth by"
                    + " moving more data over the same bottleneck links" + reach + ".";
        }
        long idle = links.stream().filter(l -> l.utilisation().signum() == 0).count();
        Rational most = Rational.ZERO;
        for (LinkUtilisation l : links) {
            most = most.max(l.utilisation());
        }
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(4, links.size()); i++) {
            names.append(i == 0 ? "" : ", ").append(links.get(i).name());
        }
        if (links.size() > 4) {
            names.append(" and ").append(links.size() - 4).append(" more");
        }
        return label + " saturates " + links.size() + (links.size() == 1 ? " link" : " links") + " that "
                + optimumLabel + " does not need at full rate (" + names + "; " + optimumLabel + " uses "
                + (idle == links.size() ? "none of them" : "them at most " + percent(most)
                + (idle > 0 ? ", " + idle + " not at all" : "")) + ")" + reach + ".";
    }

    private static String percent(Rational r) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * r.toDouble());
    }
}
