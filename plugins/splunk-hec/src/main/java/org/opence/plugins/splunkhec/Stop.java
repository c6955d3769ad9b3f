package org.opence.plugins.splunkhec;

/**
 * Why a push stops sending and leaves the rest for later, with what the operator reads in the log:
 * an error code (documented in the README) and what to do. None of these drops a record: the token,
 * the index or the URL gets fixed, the collector recovers, and the platform sends the records again.
 *
 * @param reason for the push result and the log's details
 * @param errorCode stable code for the log
 * @param resolution what to do about it
 */
record Stop(String reason, String errorCode, String resolution) {

    static final String TOKEN = "SPLUNK-HEC-TOKEN";
    static final String BUSY = "SPLUNK-HEC-BUSY";
    static final String SERVER = "SPLUNK-HEC-SERVER";
    static final String CONNECT = "SPLUNK-HEC-CONNECT";
    static final String CONFIG = "SPLUNK-HEC-CONFIG";
    static final String ACK = "SPLUNK-HEC-ACK";

    private static final String AGAIN = " The records are kept and sent again later.";

    static Stop transport(String reason) {
        return new Stop(
                reason,
                CONNECT,
                "Check that Splunk runs, that HEC is enabled and that the URL (scheme, host, port) is right." + AGAIN);
    }

    /** The answer of an event request that is neither a success nor about single events. */
    static Stop of(HecAnswer answer, HecSettings settings) {
        int status = answer.status();
        String what = answer.describe();
        if (status == 401 || status == 403) {
            return token(answer, what);
        }
        if (status == 429 || status == 503) {
            return new Stop(
                    "the collector is busy (" + what + "), also after the retries: its queues are full or the"
                            + " indexers cannot keep up",
                    BUSY,
                    "Nothing to do if it passes; if it lasts, check the indexers' queues and disk in Splunk." + AGAIN);
        }
        if (status >= 500) {
            return new Stop(
                    "the collector failed (" + what + ")",
                    SERVER,
                    "Check splunkd.log on the HEC instance if it lasts." + AGAIN);
        }
        if (answer.hasCode(HecAnswer.CHANNEL_MISSING)) {
            return new Stop(
                    "the token requires indexer acknowledgement (" + what + ")",
                    CONFIG,
                    "Turn on 'Use indexer acknowledgement' in this configuration, or turn acknowledgement off on the"
                            + " token in Splunk." + AGAIN);
        }
        if (answer.hasCode(HecAnswer.INCORRECT_INDEX)) {
            return new Stop(
                    "the token may not write to the index "
                            + (settings.index().isEmpty() ? "(the token's default)" : "'" + settings.index() + "'")
                            + " (" + what + ")",
                    CONFIG,
                    "Allow the index on the token in Splunk (Settings > Data inputs > HTTP Event Collector), or"
                            + " change the index in this configuration." + AGAIN);
        }
        if (status == 404) {
            return new Stop(
                    "there is no HTTP Event Collector at " + settings.eventUri() + " (" + what + ")",
                    CONFIG,
                    "Check the URL: HEC's port (8088 by default), not Splunk Web's or the management port." + AGAIN);
        }
        return new Stop(
                "the collector answered " + what,
                CONFIG,
                "Check the configuration against Splunk's HEC settings." + AGAIN);
    }

    private static Stop token(HecAnswer answer, String what) {
        String problem;
        if (answer.hasCode(HecAnswer.TOKEN_DISABLED)) {
            problem = "the HEC token is disabled in Splunk";
        } else if (answer.hasCode(4)) {
            problem = "the HEC token is not valid: Splunk does not know it";
        } else if (answer.hasCode(2) || answer.hasCode(3)) {
            problem = "Splunk did not accept the authorization with the HEC token";
        } else {
            problem = "Splunk refused the HEC token";
        }
        return new Stop(
                problem + " (" + what + ")",
                TOKEN,
                "Enable the token, or enter a valid token in this configuration (Splunk: Settings > Data inputs >"
                        + " HTTP Event Collector)." + AGAIN);
    }

    static Stop ackTimeout(int events, long seconds, String lastProblem) {
        return new Stop(
                "no indexer acknowledgement within " + seconds + " s for " + events + " event(s)"
                        + (lastProblem == null ? "" : " (last acknowledgement query: " + lastProblem + ")")
                        + "; they are sent again, and arrive twice if Splunk indexed them late",
                ACK,
                "If it lasts, check the indexers' health, or raise the acknowledgement timeout." + AGAIN);
    }
}
