package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.testing.DataLakeContract;

class InMemoryDataLakeTest extends DataLakeContract {
    @Override
    protected DataLake newLake() {
        return new InMemoryDataLake();
    }
}
