import Foundation
import Logging
import NIOCore
import ParcelApp
import PostgresNIO

/// Connections for the busiest read (one order by id), kept per event loop.
/// A read uses a connection of the loop it runs on, so the query, its answer
/// and the request that asked stay on one thread, with no Fluent pool and no
/// extra task in between.
///
/// Reads that arrive while all of a loop's connections are busy wait
/// together and then go as one query (`PostgresOrderBatchRead`): under load
/// PostgreSQL starts one statement for many orders instead of one each. An
/// idle server still answers a lone read at once, in a batch of one.
final class PostgresReadPool: Sendable {
    private let loops: [ObjectIdentifier: LoopReads]
    private let group: any EventLoopGroup
    let logger: Logger

    init(
        configuration: PostgresConnection.Configuration, group: any EventLoopGroup, connectionsPerLoop: Int,
        logger: Logger
    ) {
        var configuration = configuration
        // With a custom plan PostgreSQL would plan every read again: the
        // generic plan's guess of ten ids per batch looks dearer than one.
        configuration.options.additionalStartupParameters.append(("plan_cache_mode", "force_generic_plan"))
        var loops: [ObjectIdentifier: LoopReads] = [:]
        for loop in group.makeIterator() {
            loops[ObjectIdentifier(loop)] = LoopReads(
                loop: loop, configuration: configuration, limit: connectionsPerLoop, logger: logger)
        }
        self.loops = loops
        self.group = group
        self.logger = logger
    }

    /// The order with `id`, read on the current event loop (another loop of
    /// the group when called off the group's threads).
    func order(id: UUID) async throws -> PostgresOrderRow? {
        let loop = group.any()
        guard let reads = loops[ObjectIdentifier(loop)] else {
            preconditionFailure("event loop outside the pool's group")
        }
        return try await reads.order(id: id)
    }

    /// Closes idle connections now and the others as they come back.
    func close() {
        for reads in loops.values { reads.close() }
    }
}

/// One event loop's connections and waiting reads; touched only on that loop.
private final class LoopReads: Sendable {
    /// Enough to share a statement widely; PostgreSQL's plan stays the same.
    static let largestBatch = 64

    struct Waiting: Sendable {
        let id: UUID
        let promise: EventLoopPromise<PostgresOrderRow?>
    }

    struct State: Sendable {
        var idle: [PostgresConnection] = []
        var waiting = CircularBuffer<Waiting>()
        /// Open or opening.
        var count = 0
        var nextID = 0
        var closed = false
    }

    let loop: any EventLoop
    let configuration: PostgresConnection.Configuration
    let limit: Int
    let logger: Logger
    let state: NIOLoopBoundBox<State>

    init(loop: any EventLoop, configuration: PostgresConnection.Configuration, limit: Int, logger: Logger) {
        self.loop = loop
        self.configuration = configuration
        self.limit = limit
        self.logger = logger
        self.state = .makeBoxSendingValue(State(), eventLoop: loop)
    }

    func order(id: UUID) async throws -> PostgresOrderRow? {
        let promise = loop.makePromise(of: PostgresOrderRow?.self)
        if loop.inEventLoop {
            enqueue(Waiting(id: id, promise: promise))
        } else {
            loop.execute { self.enqueue(Waiting(id: id, promise: promise)) }
        }
        return try await promise.futureResult.get()
    }

    func close() {
        loop.execute {
            self.state.value.closed = true
            for connection in self.state.value.idle { let _: EventLoopFuture<Void> = connection.close() }
            self.state.value.idle.removeAll()
            while let read = self.state.value.waiting.popFirst() { read.promise.fail(StoreError.closed) }
        }
    }

    private func enqueue(_ read: Waiting) {
        if state.value.closed { return read.promise.fail(StoreError.closed) }
        state.value.waiting.append(read)
        dispatch()
    }

    /// Sends waiting reads on idle connections, opening one more when there is room.
    private func dispatch() {
        while !state.value.waiting.isEmpty, let connection = takeIdle() {
            var batch: [Waiting] = []
            while batch.count < Self.largestBatch, let read = state.value.waiting.popFirst() { batch.append(read) }
            run(batch, on: connection)
        }
        if !state.value.waiting.isEmpty, state.value.count < limit, !state.value.closed { open() }
    }

    private func run(_ batch: [Waiting], on connection: PostgresConnection) {
        let logger = logger
        Task {
            do {
                var found: [UUID: PostgresOrderRow] = [:]
                let rows = try await connection.execute(
                    PostgresOrderBatchRead(ids: batch.map(\.id)), logger: logger)
                for try await row in rows { found[row.order.id] = row }
                for read in batch { read.promise.succeed(found[read.id]) }
            } catch {
                for read in batch { read.promise.fail(error) }
            }
            self.release(connection)
        }
    }

    private func takeIdle() -> PostgresConnection? {
        while let connection = state.value.idle.popLast() {
            if !connection.isClosed { return connection }
            state.value.count -= 1
        }
        return nil
    }

    private func release(_ connection: PostgresConnection) {
        guard loop.inEventLoop else { return loop.execute { self.release(connection) } }
        if connection.isClosed || state.value.closed {
            if !connection.isClosed { let _: EventLoopFuture<Void> = connection.close() }
            state.value.count -= 1
        } else {
            state.value.idle.append(connection)
        }
        dispatch()
    }

    private func open() {
        state.value.count += 1
        state.value.nextID += 1
        PostgresConnection.connect(on: loop, configuration: configuration, id: state.value.nextID, logger: logger)
            .whenComplete { result in
                switch result {
                case .success(let connection):
                    self.release(connection)
                case .failure(let error):
                    // The database is unreachable: nobody waiting would get an answer soon.
                    self.state.value.count -= 1
                    while let read = self.state.value.waiting.popFirst() { read.promise.fail(error) }
                }
            }
    }
}
