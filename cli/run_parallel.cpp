// Parallel JSON Lines rendering for `assay run` (run_parallel.hpp).
#include <run_parallel.hpp>

#include <assay/report.hpp>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace assay::cli {
namespace {

/// Outcomes rendered together: enough to make a thread's hand-over cheap.
constexpr size_t batch_size = 2048;

/// A batch of outcomes and, once rendered, their JSON lines.
struct Batch {
    std::vector<Outcome> outcomes;
    size_t count = 0;
    std::string text;
    bool rendered = false;
};

/// Renders batches on worker threads and writes them in the order given.
class OrderedRenderer {
public:
    OrderedRenderer(const Assessment& view, AtomicWriter* file, unsigned threads)
        : view_(view), file_(file), window_(4 * threads) {
        try {
            for (unsigned t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
        } catch (...) {
            stop();
            throw;
        }
    }
    ~OrderedRenderer() { stop(); }
    OrderedRenderer(const OrderedRenderer&) = delete;
    OrderedRenderer& operator=(const OrderedRenderer&) = delete;

    /// Adds an outcome to the current batch, handing the batch over when full.
    void add(const Outcome& o) {
        if (!current_) current_ = take_free();
        Batch& b = *current_;
        if (b.count < b.outcomes.size())
            b.outcomes[b.count] = o;  // reuses the strings' storage
        else
            b.outcomes.push_back(o);
        if (++b.count == batch_size) submit();
    }

    /// Hands over the last batch, waits for every batch and writes them.
    void finish() {
        if (current_) submit();
        std::unique_lock lock(mutex_);
        while (!queue_.empty()) {
            changed_.wait(lock, [&] { return failure_ || queue_.front()->rendered; });
            if (failure_) std::rethrow_exception(failure_);
            write_front(lock);
        }
    }

private:
    std::unique_ptr<Batch> take_free() {
        std::lock_guard lock(mutex_);
        if (free_.empty()) return std::make_unique<Batch>();
        std::unique_ptr<Batch> b = std::move(free_.back());
        free_.pop_back();
        return b;
    }

    /// Queues the current batch, then writes what is rendered; waits while too many are in flight.
    void submit() {
        std::unique_lock lock(mutex_);
        queue_.push_back(current_.get());
        owned_.push_back(std::move(current_));
        pending_.push_back(queue_.back());
        changed_.notify_all();
        for (;;) {
            if (failure_) std::rethrow_exception(failure_);
            while (!queue_.empty() && queue_.front()->rendered) write_front(lock);
            if (queue_.size() < window_) break;
            changed_.wait(lock);
        }
    }

    /// Writes the first queued batch (rendered) and recycles it. Called locked; writes unlocked.
    void write_front(std::unique_lock<std::mutex>& lock) {
        Batch* b = queue_.front();
        queue_.pop_front();
        lock.unlock();
        if (file_)
            file_->write(b->text);
        else
            std::fwrite(b->text.data(), 1, b->text.size(), stdout);
        lock.lock();
        for (auto it = owned_.begin(); it != owned_.end(); ++it)
            if (it->get() == b) {
                b->count = 0;
                b->rendered = false;
                free_.push_back(std::move(*it));
                owned_.erase(it);
                break;
            }
    }

    void work() {
        for (;;) {
            Batch* b;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
                if (stopping_) return;
                b = pending_.front();
                pending_.pop_front();
            }
            try {
                b->text.clear();
                for (size_t i = 0; i < b->count; ++i) render_jsonl_outcome(view_, b->outcomes[i], b->text);
            } catch (...) {
                std::lock_guard lock(mutex_);
                if (!failure_) failure_ = std::current_exception();
            }
            std::lock_guard lock(mutex_);
            b->rendered = true;
            changed_.notify_all();
        }
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            changed_.notify_all();
        }
        for (std::thread& t : workers_) t.join();
    }

    const Assessment& view_;
    AtomicWriter* file_;
    const size_t window_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::thread> workers_;
    std::unique_ptr<Batch> current_;
    std::deque<Batch*> queue_;    ///< handed over, in output order
    std::deque<Batch*> pending_;  ///< not yet taken by a worker
    std::vector<std::unique_ptr<Batch>> owned_, free_;
    bool stopping_ = false;
    std::exception_ptr failure_;
};

void put(AtomicWriter* file, const std::string& text) {
    if (file)
        file->write(text);
    else
        std::fwrite(text.data(), 1, text.size(), stdout);
}

}  // namespace

unsigned run_threads(unsigned threads) {
    if (threads > 0) return threads;
    unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

Assessment assess_to_jsonl(const RunInputs& inputs, const AssessOptions& options, AtomicWriter* file,
                           unsigned threads) {
    threads = run_threads(threads);
    if (threads == 1) {
        std::string line;
        return assess(inputs, options, [&](const Assessment& a, const Outcome& outcome) {
            line.clear();
            render_jsonl_outcome(a, outcome, line);
            put(file, line);
        });
    }
    // What rendering reads of the assessment (pack, data, as-at), in an
    // object that outlives assess()'s own.
    Assessment view;
    std::optional<OrderedRenderer> renderer;
    Assessment result = assess(inputs, options, [&](const Assessment& a, const Outcome& outcome) {
        if (!renderer) {
            view.pack = a.pack;
            view.dataset = a.dataset;
            view.data = a.data;
            view.as_at = a.as_at;
            renderer.emplace(view, file, threads);
        }
        renderer->add(outcome);
    });
    if (renderer) renderer->finish();
    return result;
}

}  // namespace assay::cli
