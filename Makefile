# EmComm VSAT — the two commands: `make run` (demo) and `make test` (everything).
MVN ?= mvn -B
PORT ?= 8080
JAR := target/quarkus-app/quarkus-run.jar
SOURCES := pom.xml $(shell find src/main -type f 2>/dev/null)

.PHONY: run test build test-deps clean

## run: build if needed, then start the demo (simulated network, embedded store) on $(PORT)
run: $(JAR)
	java -Dquarkus.profile=demo -Dquarkus.http.port=$(PORT) -jar $(JAR)

build: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -q package -DskipTests

## test: install what the tests need (InfluxDB, net-snmp) when missing, then run the whole suite
test: test-deps
	$(MVN) test

test-deps:
	@bash scripts/test-deps.sh

clean:
	$(MVN) -q clean
