package io.clickstream.adapter.memory;

import io.clickstream.application.port.out.DataLake;
import io.clickstream.application.port.out.DataLakeContract;

class InMemoryDataLakeTest extends DataLakeContract {
    @Override
    protected DataLake newLake() {
        return new InMemoryDataLake();
    }
}
