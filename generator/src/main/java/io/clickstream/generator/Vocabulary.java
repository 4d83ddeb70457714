package io.clickstream.generator;

import java.util.SplittableRandom;

/** The fixed words, user agents and paths the generated traffic is made of. */
final class Vocabulary {
    static final String SITE = "https://shop.example";

    static final String[] CATEGORY_NAMES = {"shoes", "jackets", "headphones", "laptops", "phones", "books", "toys",
            "kitchen", "garden", "beauty", "sports", "watches", "bags", "furniture", "lighting", "games", "cameras",
            "pet supplies", "jewelry", "tools", "music", "baby", "office", "cycling"};

    static final String[] ADJECTIVES = {"red", "black", "blue", "white", "green", "cheap", "premium", "wireless",
            "leather", "kids", "vintage", "waterproof", "organic", "smart", "mini", "large", "running", "gift"};

    // a few queries carry non-ASCII words so URL encoding and UTF-8 handling are exercised end to end
    static final String[] UNICODE_WORDS = {"crème", "größe", "café", "jalapeño", "東京", "ñandú"};

    static final String[] HUMAN_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"};

    /** Search-engine crawlers: user agent and the address prefix they crawl from. */
    static final String[][] CRAWLERS = {
            {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66."},
            {"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "40.77.167."},
            {"Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "54.36.148."},
            {"Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "5.255.253."},
            {"Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", "185.191.171."},
            {"DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", "20.191.45."},
            {"Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", "116.179.32."}};

    /** Scrapers that hammer product pages; the last one pretends to be a browser. */
    static final String[] HIGH_RATE_AGENTS = {"python-requests/2.32.3", "Scrapy/2.11.2 (+https://scrapy.org)",
            "curl/8.5.0", "Go-http-client/1.1",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"};

    static final String[] SCANNER_AGENTS = {"Mozilla/5.0 zgrab/0.x", "Mozilla/5.0 (compatible; CensysInspect/1.1)",
            "-", "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)"};

    static final String[] SCANNER_PATHS = {"/wp-login.php", "/.env", "/admin/config.php", "/phpmyadmin/index.php",
            "/xmlrpc.php", "/.git/config", "/cgi-bin/luci", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
            "/actuator/health", "/server-status"};

    static final String[] STALE_PATHS = {"/sale/black-friday-2025", "/old-catalog.html", "/promo/summer",
            "/blog/2019/gift-guide", "/products.php?id=17"};

    static final String[] EXTERNAL_REFERERS = {"-", "-", "https://www.google.com/", "https://www.bing.com/",
            "https://duckduckgo.com/", "https://t.co/x7Ab9kQz", "https://mail.example.net/newsletter/2026-11"};

    static final String HEALTH_AGENT = "ELB-HealthChecker/2.0";
    static final String HEALTH_ADDRESS = "10.0.0.2";

    // first octets of ordinary public address space, for plausible shopper addresses
    private static final int[] FIRST_OCTETS = {23, 31, 37, 46, 62, 77, 81, 85, 89, 91, 93, 109, 151, 176, 178, 185,
            188, 194, 203, 212, 217};

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Vocabulary() {
    }

    static String categoryName(int category) {
        return category < CATEGORY_NAMES.length ? CATEGORY_NAMES[category] : "category " + (category + 1);
    }

    /** An IPv4 address, or about 5% of the time an IPv6 one (servers log both). */
    static String randomAddress(SplittableRandom rng) {
        if (rng.nextInt(20) == 0) {
            return "2001:db8:" + Integer.toHexString(rng.nextInt(0x10000)) + ":" + Integer.toHexString(rng.nextInt(0x10000))
                    + "::" + Integer.toHexString(1 + rng.nextInt(0xfffe));
        }
        return FIRST_OCTETS[rng.nextInt(FIRST_OCTETS.length)] + "." + rng.nextInt(256) + "." + rng.nextInt(256) + "."
                + (1 + rng.nextInt(254));
    }

    static String hex(long value, int digits) {
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return new String(out);
    }

    static <T> T pick(SplittableRandom rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }
}
