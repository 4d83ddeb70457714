package io.clickstream.adapter.spark;

import io.clickstream.adapter.csv.CommonsCsvLandingFormat;
import io.clickstream.application.port.out.LandingFormat;
import io.clickstream.domain.ClickstreamRecord;
import io.clickstream.domain.RejectedRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The landing CSV format for the tests' ingest: {@link CommonsCsvLandingFormat}, with {@code writeRows} done through
 * {@code decodeRow} and {@code writeBatch} so the tests run whichever version of the format module is installed.
 */
final class LandingCsv implements LandingFormat {
    private final CommonsCsvLandingFormat format = new CommonsCsvLandingFormat();

    @Override
    public void writeBatch(List<ClickstreamRecord> records, OutputStream out) throws IOException {
        format.writeBatch(records, out);
    }

    @Override
    public void writeRows(List<String> encodedRows, OutputStream out) throws IOException {
        List<ClickstreamRecord> records = new ArrayList<>(encodedRows.size());
        for (String row : encodedRows) {
            records.add(format.decodeRow(row));
        }
        format.writeBatch(records, out);
    }

    @Override
    public List<ClickstreamRecord> readBatch(InputStream in) throws IOException {
        return format.readBatch(in);
    }

    @Override
    public String encodeRow(ClickstreamRecord record) {
        return format.encodeRow(record);
    }

    @Override
    public ClickstreamRecord decodeRow(String row) throws IOException {
        return format.decodeRow(row);
    }

    @Override
    public void writeRejected(List<RejectedRecord> rejected, OutputStream out) throws IOException {
        format.writeRejected(rejected, out);
    }
}
