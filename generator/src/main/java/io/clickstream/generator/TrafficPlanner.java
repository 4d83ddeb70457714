package io.clickstream.generator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plans the next visitor of the shop: mostly shoppers browsing, searching and buying along the catalogue's planted
 * structure, with crawlers, scrapers, health checks and scanners mixed in.
 */
final class TrafficPlanner {
    /** No planned visit lasts longer, so a visit started before the window's end finishes before the day's end. */
    static final long MAX_VISIT_MS = 40 * 60_000L;

    // chance of each kind of visitor, chosen so shoppers make about 87% of the lines, crawlers 5%, scrapers 3%,
    // health checks 3% and scanners 2% (visits differ a lot in length)
    private static final double[] ACTOR_CUMULATIVE = cumulative(0.87 / 10.5, 0.05 / 19.5, 0.03 / 190.0,
            0.03 / 1.0, 0.02 / 2.6);

    private static final double ANONYMOUS_SHARE = 0.30;
    private static final double PREFERRED_INTENT = 0.85;

    private final Catalog catalog;
    private final SplittableRandom rng;
    private long nextId;

    TrafficPlanner(Catalog catalog, SplittableRandom rng) {
        this.catalog = catalog;
        this.rng = rng;
    }

    Actor next() {
        long id = nextId++;
        switch (Catalog.sample(ACTOR_CUMULATIVE, rng)) {
            case 0:
                return shopper(id);
            case 1:
                return crawler(id);
            case 2:
                return highRateBot(id);
            case 3:
                return healthCheck(id);
            default:
                return scanner(id);
        }
    }

    private Actor shopper(long id) {
        boolean anonymous = rng.nextDouble() < ANONYMOUS_SHARE;
        int user = anonymous ? -1 : catalog.sampleUser(rng);
        int[] preferences = anonymous ? new int[] {catalog.sampleCategory(rng)} : catalog.preferences(user);
        String address = anonymous ? Vocabulary.randomAddress(rng) : catalog.address(user);
        String agent = anonymous ? Vocabulary.pick(rng, Vocabulary.HUMAN_AGENTS) : catalog.agent(user);
        String sessionId = "s-" + Vocabulary.hex(rng.nextLong(), 16);
        int f = rng.nextInt(100);
        LogFormat format = f < 88 ? LogFormat.COMBINED_SESSION : f < 98 ? LogFormat.COMBINED : LogFormat.COMMON;
        String protocol = rng.nextInt(10) < 4 ? "HTTP/2.0" : "HTTP/1.1";
        List<Step> steps = new ShopperVisit(preferences).plan();
        return new Actor(id, Actor.Type.SHOPPER, address, user, anonymous ? null : catalog.userId(user), agent,
                sessionId, format, protocol, steps);
    }

    /** One shopping session: a small state machine over the current item, the intent category and the cart. */
    private final class ShopperVisit {
        private final int[] preferences;
        private final List<Step> steps = new ArrayList<>();
        private long t;
        private String referer = Vocabulary.pick(rng, Vocabulary.EXTERNAL_REFERERS);
        private int category;
        private int current = -1;
        private final List<Integer> cart = new ArrayList<>();

        ShopperVisit(int[] preferences) {
            this.preferences = preferences;
            this.category = intent();
        }

        List<Step> plan() {
            int entry = rng.nextInt(100);
            if (entry < 35) {
                page(StepKind.HOME, "GET", "/", 200, 18_000 + rng.nextInt(9000), -1);
                dwell();
            } else if (entry < 65) {
                search();
            }
            int actions = 0;
            while (actions++ < 40 && t < MAX_VISIT_MS - 8 * 60_000L) {
                if (current < 0) {
                    if (rng.nextBoolean()) {
                        search();
                    } else {
                        browseCategory();
                    }
                    continue;
                }
                double r = rng.nextDouble();
                if (r < 0.12) {
                    addToCart();
                } else if (r < 0.62) {
                    view(catalog.plantedNext(current, rng), "");
                } else if (r < 0.70) {
                    if (rng.nextInt(10) < 3) {
                        category = intent();
                    }
                    search();
                } else if (r < 0.83) {
                    view(catalog.popularItemIn(category, rng), "");
                } else if (r < 0.845) {
                    page(StepKind.NOT_FOUND, "GET", Vocabulary.pick(rng, Vocabulary.STALE_PATHS), 404, 1500, -1);
                    dwell();
                } else {
                    break;
                }
            }
            if (!cart.isEmpty() && rng.nextInt(100) < 30) {
                checkout();
            }
            return steps;
        }

        private int intent() {
            return rng.nextDouble() < PREFERRED_INTENT ? preferences[rng.nextInt(preferences.length)]
                    : catalog.sampleCategory(rng);
        }

        private void browseCategory() {
            if (rng.nextInt(10) < 3) {
                String slug = Vocabulary.categoryName(category).replace(' ', '-');
                page(StepKind.CATEGORY, "GET", "/c/" + slug, 200, 30_000 + rng.nextInt(20_000), -1);
                dwell();
            }
            view(catalog.popularItemIn(category, rng), "");
        }

        private void search() {
            String query = catalog.query(category, rng);
            String encoded = URLEncoder.encode(query, StandardCharsets.UTF_8);
            steps.add(Step.searchEvent(t, query));
            page(StepKind.SEARCH, "GET", "/search?q=" + encoded, 200, 25_000 + rng.nextInt(15_000), -1);
            if (rng.nextInt(100) < 75) {
                t += 1500 + rng.nextInt(10_000);
                int position = 1;
                while (position < 10 && rng.nextInt(100) < 45) {
                    position++;
                }
                int item = catalog.searchResult(category, query, position);
                steps.add(Step.clickEvent(t, query, item, position));
                t += 100 + rng.nextInt(500);
                view(item, "?ref=search&q=" + encoded);
            } else {
                dwell();
            }
        }

        private void view(int item, String queryString) {
            current = item;
            page(StepKind.VIEW, "GET", "/product/" + catalog.itemId(item) + queryString, 200,
                    12_000 + rng.nextInt(12_000), item);
            dwell();
        }

        private void addToCart() {
            if (cart.contains(current) || cart.size() >= 5) {
                view(catalog.plantedNext(current, rng), "");
                return;
            }
            cart.add(current);
            page(StepKind.CART, "GET", "/cart/add?item=" + catalog.itemId(current), 200, 800 + rng.nextInt(400),
                    current);
            dwell();
        }

        private void checkout() {
            String order = "o-" + Vocabulary.hex(rng.nextLong(), 12);
            referer = Vocabulary.SITE + "/cart";
            boolean boughtOne = false;
            for (int k = 0; k < cart.size(); k++) {
                // most of the cart is bought; the last item always is when nothing else was
                if (rng.nextInt(10) < 7 || (!boughtOne && k == cart.size() - 1)) {
                    String target = "/checkout/complete?item=" + catalog.itemId(cart.get(k)) + "&order=" + order;
                    steps.add(Step.line(t, StepKind.PURCHASE, "GET", target, 200, 4000 + rng.nextInt(2000), referer,
                            cart.get(k)));
                    t += 20 + rng.nextInt(200);
                    boughtOne = true;
                }
            }
        }

        /** A page and what the browser fetches with it: a few assets (cache misses) and a tracking beacon. */
        private void page(StepKind kind, String method, String target, int status, int bytes, int item) {
            steps.add(Step.line(t, kind, method, target, status, bytes, referer, item));
            String pageUrl = Vocabulary.SITE + target;
            long at = t;
            if (rng.nextInt(100) < 30) {
                int assets = 1 + rng.nextInt(3);
                for (int a = 0; a < assets; a++) {
                    at += 30 + rng.nextInt(300);
                    steps.add(asset(at, pageUrl, item));
                }
            }
            if (rng.nextInt(100) < 15) {
                at += 300 + rng.nextInt(1000);
                steps.add(Step.line(at, StepKind.API, "POST", "/api/track", 204, 0, pageUrl, -1));
            }
            t = at;
            referer = pageUrl;
        }

        private Step asset(long at, String pageUrl, int item) {
            int which = rng.nextInt(4);
            String path = which == 0 ? "/static/app.js" : which == 1 ? "/static/app.css"
                    : which == 2 && item >= 0 ? "/img/" + catalog.itemId(item) + ".png" : "/favicon.ico";
            boolean cached = rng.nextInt(4) == 0;
            return Step.line(at, StepKind.STATIC, "GET", path, cached ? 304 : 200,
                    cached ? 0 : 2000 + rng.nextInt(60_000), pageUrl, -1);
        }

        /** Reading time: log-normal around 20 s, between 2 s and 5 min. */
        private void dwell() {
            double seconds = StrictMath.exp(StrictMath.log(20) + 0.8 * gaussian());
            t += (long) (1000 * Math.max(2, Math.min(300, seconds)));
        }
    }

    private Actor crawler(long id) {
        String[] crawler = Vocabulary.pick(rng, Vocabulary.CRAWLERS);
        String address = crawler[1] + (1 + rng.nextInt(254));
        List<Step> steps = new ArrayList<>();
        long t = 0;
        if (rng.nextInt(10) < 3) {
            steps.add(Step.line(t, StepKind.ROBOTS, "GET", "/robots.txt", 200, 120, "-", -1));
            t += 500 + rng.nextInt(2000);
        }
        int pages = 5 + rng.nextInt(26);
        for (int p = 0; p < pages; p++) {
            int item = rng.nextInt(catalog.itemCount());
            steps.add(Step.line(t, StepKind.VIEW, "GET", "/product/" + catalog.itemId(item), 200,
                    12_000 + rng.nextInt(12_000), "-", item));
            t += 1000 + rng.nextInt(9000);
        }
        LogFormat format = rng.nextInt(100) < 85 ? LogFormat.COMBINED_SESSION : LogFormat.COMBINED;
        return new Actor(id, Actor.Type.CRAWLER, address, -1, null, crawler[0], null, format, "HTTP/1.1", steps);
    }

    /** One address and agent fetching product pages several times a second, without a session. */
    private Actor highRateBot(long id) {
        List<Step> steps = new ArrayList<>();
        int pages = 80 + rng.nextInt(221);
        boolean sequential = rng.nextBoolean();
        int item = rng.nextInt(catalog.itemCount());
        long t = 0;
        for (int p = 0; p < pages; p++) {
            item = sequential ? (item + 1) % catalog.itemCount() : rng.nextInt(catalog.itemCount());
            steps.add(Step.line(t, StepKind.VIEW, "GET", "/product/" + catalog.itemId(item), 200,
                    12_000 + rng.nextInt(12_000), "-", item));
            t += 20 + rng.nextInt(300);
        }
        return new Actor(id, Actor.Type.HIGH_RATE_BOT, Vocabulary.randomAddress(rng), -1, null,
                Vocabulary.pick(rng, Vocabulary.HIGH_RATE_AGENTS), null, LogFormat.COMBINED_SESSION, "HTTP/1.1",
                steps);
    }

    private Actor healthCheck(long id) {
        List<Step> steps = List.of(Step.line(0, StepKind.HEALTH, "GET", "/health", 200, 2, "-", -1));
        return new Actor(id, Actor.Type.HEALTH_CHECK, Vocabulary.HEALTH_ADDRESS, -1, null, Vocabulary.HEALTH_AGENT,
                null, LogFormat.COMBINED_SESSION, "HTTP/1.1", new ArrayList<>(steps));
    }

    /** Probes for well-known vulnerable paths (404) and, now and then, a request line the server cannot read. */
    private Actor scanner(long id) {
        List<Step> steps = new ArrayList<>();
        int probes = 1 + rng.nextInt(4);
        long t = 0;
        for (int p = 0; p < probes; p++) {
            if (rng.nextInt(10) == 0) {
                steps.add(Step.line(t, StepKind.BAD_REQUEST, null, null, 400, 0, "-", -1));
            } else {
                String path = rng.nextBoolean() ? Vocabulary.pick(rng, Vocabulary.SCANNER_PATHS)
                        : "/" + Vocabulary.hex(rng.nextLong(), 8);
                steps.add(Step.line(t, StepKind.NOT_FOUND, rng.nextInt(5) == 0 ? "POST" : "GET", path, 404, 153,
                        "-", -1));
            }
            t += 200 + rng.nextInt(3000);
        }
        LogFormat format = rng.nextInt(100) < 90 ? LogFormat.COMBINED_SESSION : LogFormat.COMBINED;
        return new Actor(id, Actor.Type.SCANNER, Vocabulary.randomAddress(rng), -1, null,
                Vocabulary.pick(rng, Vocabulary.SCANNER_AGENTS), null, format, "HTTP/1.1", steps);
    }

    private double gaussian() {
        // Box-Muller from the seeded generator (SplittableRandom has no nextGaussian on Java 17)
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    private static double[] cumulative(double... weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }
}
