package org.opence.core.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;

/**
 * Transcodes a Data Export page of 10,000 records (about 1 KB each, shaped like Netskope page events:
 * 40 fields, 64-bit ids, nested objects and arrays) into {@code ce.data} batch bodies on one thread and
 * prints records/s and MiB/s of page read. Not a test: run by hand (command in docs/performance.md).
 * Arguments: seconds to measure (default 20), and {@code --damaged} for a page where one element in a
 * hundred is no record.
 */
public final class PageTranscoderBenchmark {

    private PageTranscoderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20;
        boolean damaged = java.util.Arrays.asList(args).contains("--damaged");
        byte[] page = page(10_000, damaged);
        PageTranscoder transcoder = new PageTranscoder("core-service", 2000);
        StreamKey key = new StreamKey("bench", "events", "page");
        // warm up
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            transcoder.transcode(new ByteArrayInputStream(page), "result", key, Set.of());
        }
        long records = 0;
        long pages = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            PageTranscoder.Page p = transcoder.transcode(new ByteArrayInputStream(page), "result", key, Set.of());
            records += p.records();
            pages++;
        }
        double took = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "page of %,d bytes (%s): %,d pages in %.1f s: %,.0f records/s, %.1f MiB/s of pages%n",
                page.length,
                damaged ? "one element in 100 no record" : "all records",
                pages,
                took,
                records / took,
                pages * (double) page.length / took / (1024 * 1024));
    }

    static byte[] page(int n, boolean damaged) {
        Random random = new Random(7);
        StringBuilder b = new StringBuilder(n * 1100);
        b.append("{\"ok\":1,\"result\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            if (damaged && i % 100 == 50) {
                b.append(i % 200 == 50 ? "null" : "\"not a record\"").append(',');
            }
            long id = 0x6a00_0000_0000_0000L + random.nextInt(1 << 30);
            b.append("{\"_id\":\"")
                    .append(Long.toHexString(id))
                    .append("00aa11bb\"")
                    .append(",\"timestamp\":")
                    .append(1_765_000_000L + i)
                    .append(",\"type\":\"page\",\"access_method\":\"Client\",\"action\":\"allow\"")
                    .append(",\"app\":\"Microsoft Office 365 OneDrive for Business\",\"appcategory\":\"Cloud Storage\"")
                    .append(",\"browser\":\"Chrome\",\"ccl\":\"excellent\",\"cci\":")
                    .append(50 + random.nextInt(50))
                    .append(",\"connection_id\":")
                    .append(Math.abs(random.nextLong()))
                    .append(",\"transaction_id\":")
                    .append(Math.abs(random.nextLong()))
                    .append(",\"device\":\"Windows Device\",\"domain\":\"contoso-my.sharepoint.com\"")
                    .append(",\"dst_country\":\"US\",\"dst_location\":\"San Antonio\",\"dst_region\":\"Texas\"")
                    .append(",\"dstip\":\"13.107.136.")
                    .append(random.nextInt(255))
                    .append('"')
                    .append(",\"hostname\":\"LAPTOP-")
                    .append(random.nextInt(10_000))
                    .append('"')
                    .append(
                            ",\"os\":\"Windows 11\",\"page\":\"contoso-my.sharepoint.com/personal/alice/_layouts/15/onedrive.aspx\"")
                    .append(",\"numbytes\":")
                    .append(random.nextInt(5_000_000))
                    .append(",\"client_bytes\":")
                    .append(random.nextInt(100_000))
                    .append(",\"server_bytes\":")
                    .append(random.nextInt(5_000_000))
                    .append(",\"src_country\":\"DE\",\"src_location\":\"Berlin\",\"src_latitude\":52.52")
                    .append(",\"src_longitude\":13.405,\"srcip\":\"10.")
                    .append(random.nextInt(255))
                    .append(".")
                    .append(random.nextInt(255))
                    .append(".")
                    .append(random.nextInt(255))
                    .append('"')
                    .append(",\"ur_normalized\":\"user")
                    .append(random.nextInt(250))
                    .append("@example.com\"")
                    .append(",\"user\":\"user")
                    .append(random.nextInt(250))
                    .append("@example.com\"")
                    .append(",\"userkey\":\"user")
                    .append(random.nextInt(250))
                    .append("@example.com\"")
                    .append(",\"url\":\"https://contoso-my.sharepoint.com/personal/alice/Documents/report-")
                    .append(random.nextInt(1000))
                    .append(".xlsx?web=1&e=AbCdEf\"")
                    .append(",\"useragent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML,")
                    .append(" like Gecko) Chrome/120.0.0.0 Safari/537.36\"")
                    .append(",\"policy\":\"Allow OneDrive\",\"traffic_type\":\"CloudApp\",\"severity\":\"low\"")
                    .append(",\"other_categories\":[\"Cloud Storage\",\"Collaboration\"]")
                    .append(",\"nsdeviceuid\":\"")
                    .append(Long.toHexString(random.nextLong()))
                    .append('"')
                    .append(",\"managed_app\":true,\"sanctioned_instance\":\"Yes\",\"protocol\":\"HTTPS/1.1\"")
                    .append(",\"request_id\":")
                    .append(Math.abs(random.nextLong()))
                    .append(",\"site\":\"OneDrive\",\"instance_id\":\"contoso\"")
                    .append(",\"tags\":{\"team\":\"finance\",\"risk\":")
                    .append(random.nextInt(5))
                    .append("}}");
        }
        b.append("],\"wait_time\":0,\"timestamp_hwm\":1765010000}");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
