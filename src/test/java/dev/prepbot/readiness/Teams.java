package dev.prepbot.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Made-up tallies for tests. */
public final class Teams {

    private Teams() {
    }

    static List<String> topics(int count) {
        List<String> topics = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            topics.add("topic-" + t);
        }
        return topics;
    }

    /** Every member answers every topic, between 1 and 40 times, with a random accuracy. */
    public static List<Tally> random(int members, int topics, long seed) {
        Random random = new Random(seed);
        List<Tally> tallies = new ArrayList<>(members * topics);
        for (int m = 0; m < members; m++) {
            for (int t = 0; t < topics; t++) {
                int answered = 1 + random.nextInt(40);
                tallies.add(new Tally("id" + m, "member " + m, "topic-" + t, random.nextInt(answered + 1), answered));
            }
        }
        return tallies;
    }

    /** The same answers under other display names, member by member. */
    static List<Tally> renamed(List<Tally> tallies, List<String> names) {
        return tallies.stream().map(t -> new Tally(t.memberId(), names.get(Integer.parseInt(t.memberId().substring(2))),
                t.topic(), t.correct(), t.answered())).toList();
    }
}
