package org.opence.simulator.netskope.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The tenant's stable cast: users, their devices and the apps and sites they use. Same seed, same cast. */
public final class Population {

    private static final String[] FIRST = {
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj",
        "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yasmin", "zoe", "omar", "lena", "kenji"
    };
    private static final String[] LAST = {
        "smith",
        "jones",
        "garcia",
        "muller",
        "rossi",
        "tanaka",
        "nguyen",
        "kowalski",
        "dubois",
        "silva",
        "khan",
        "larsen",
        "novak",
        "murphy",
        "schmidt",
        "costa"
    };
    private static final String[] UNITS = {
        "Engineering", "Finance", "Sales", "Marketing", "Legal", "HR", "Support", "IT", "Research"
    };
    private static final String[] OS = {"Windows 11", "Windows 10", "Mac OS X 14.4", "iOS 17.5", "Android 14"};
    private static final String[] BROWSERS = {"Chrome", "Edge", "Firefox", "Safari", "Native"};
    private static final String[] DEVICES = {"Windows Device", "Mac Device", "iPhone", "Android Phone"};

    /** Apps as Netskope names them, with category and Cloud Confidence Level/Index. */
    static final List<App> APPS = List.of(
            new App(
                    "Microsoft Office 365 OneDrive for Business",
                    "Cloud Storage",
                    "excellent",
                    93,
                    "onedrive.live.com"),
            new App("Google Drive", "Cloud Storage", "excellent", 91, "drive.google.com"),
            new App("Box", "Cloud Storage", "excellent", 94, "app.box.com"),
            new App("Dropbox", "Cloud Storage", "high", 84, "www.dropbox.com"),
            new App("Slack", "Collaboration", "high", 86, "app.slack.com"),
            new App("GitHub", "Development Tools", "high", 88, "github.com"),
            new App("Salesforce", "CRM", "excellent", 95, "login.salesforce.com"),
            new App("WeTransfer", "Cloud Storage", "medium", 62, "wetransfer.com"),
            new App("Zoom", "Collaboration", "high", 80, "zoom.us"),
            new App("ChatGPT", "Generative AI", "medium", 68, "chat.openai.com"),
            new App("Mega", "Cloud Storage", "low", 41, "mega.nz"),
            new App("Pastebin", "Online Notes", "poor", 22, "pastebin.com"));

    private final List<User> users;

    public Population(long seed, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the population needs at least one user");
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<User> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String name = FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length) % LAST.length];
            if (i >= FIRST.length * LAST.length) {
                name += (i / (FIRST.length * LAST.length) + 1);
            }
            int device = random.nextInt(DEVICES.length);
            list.add(new User(
                    name + "@example.com",
                    UNITS[random.nextInt(UNITS.length)],
                    "10." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "." + random.nextInt(1, 255),
                    OS[Math.min(device + random.nextInt(2), OS.length - 1)],
                    BROWSERS[random.nextInt(BROWSERS.length)],
                    DEVICES[device],
                    String.format(
                            "%s-%04X",
                            name.substring(0, Math.min(6, name.indexOf('.'))).toUpperCase(), i)));
        }
        this.users = List.copyOf(list);
    }

    public User user(SplittableRandom random) {
        // a few users do most of the traffic, as in a real tenant
        int index =
                random.nextInt(10) < 6 ? random.nextInt(Math.max(1, users.size() / 10)) : random.nextInt(users.size());
        return users.get(index);
    }

    public List<User> users() {
        return users;
    }

    public App app(SplittableRandom random) {
        return APPS.get(random.nextInt(APPS.size()));
    }

    public record User(
            String email,
            String organizationUnit,
            String ip,
            String os,
            String browser,
            String device,
            String hostname) {}

    public record App(String name, String category, String ccl, int cci, String host) {}
}
