// Caravan's web UI: one page with five views (log in, storefront, orders, media, events) as Alpine.js
// components. Everything it shows comes from the platform's own REST APIs, same origin; the tokens of a
// login are kept for this browser tab only (sessionStorage), never in a cookie or localStorage.
'use strict';

/** Order statuses after which nothing changes by itself (shipping is an administrator's act). */
const FINAL_ORDER = ['completed', 'refunded', 'shipped'];
const FINAL_JOB = ['ready', 'failed'];
const SESSION_KEY = 'caravan.session';
/** An access token this close to its expiry is refreshed before it is used. */
const REFRESH_MARGIN_MS = 60_000;

/** A refusal of the API, in its own words ({"status","title","description"}). */
class ApiError extends Error {
    constructor(status, description) {
        super(description);
        this.status = status;
    }
}

/** The claims of a JWT (the server verifies it; the page only reads who is logged in and their roles). */
function claimsOf(token) {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
}

/** fetch with the session's access token (refreshed first when it is about to expire). */
async function authorizedFetch(path, init = {}) {
    const session = Alpine.store('session');
    const headers = new Headers(init.headers || {});
    const token = await session.freshToken();
    if (token) {
        headers.set('Authorization', 'Bearer ' + token);
    }
    const response = await fetch(path, { ...init, headers });
    if (response.status === 401 && token) {
        session.expire();
    }
    return response;
}

/** The answer's JSON (null for an empty body, as POST /event's 200); an ApiError for any status but 2xx. */
async function readAnswer(response) {
    const text = await response.text();
    const json = text && (response.headers.get('Content-Type') || '').includes('json');
    const data = json ? JSON.parse(text) : null;
    if (!response.ok) {
        throw new ApiError(response.status, (data && data.description) || 'the server answered ' + response.status);
    }
    return data;
}

/** A JSON API call: api('POST', '/orders', {product_id, quantity}). */
async function api(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    return readAnswer(await authorizedFetch(path, init));
}

/** A file the API answers (an MP3), as a Blob. */
async function download(path) {
    const response = await authorizedFetch(path);
    if (!response.ok) {
        await readAnswer(response);
    }
    return response.blob();
}

/**
 * A multipart upload with progress: XMLHttpRequest, since fetch reports no upload progress.
 * onProgress gets {loaded, total, percent}; resolves with the answer's JSON.
 */
async function uploadWithProgress(path, file, onProgress) {
    const token = await Alpine.store('session').freshToken();
    return new Promise((resolve, reject) => {
        const request = new XMLHttpRequest();
        const report = (loaded, total) => onProgress({ loaded, total, percent: total ? Math.round(100 * loaded / total) : 0 });
        request.upload.onprogress = event => report(event.loaded, event.lengthComputable ? event.total : file.size);
        // a small file may be sent before any progress event fires: the bar still ends full
        request.upload.onload = () => report(file.size, file.size);
        request.onload = () => {
            let data = null;
            try {
                data = JSON.parse(request.responseText);
            } catch (e) {
                // not JSON: described by the status below
            }
            if (request.status >= 200 && request.status < 300) {
                resolve(data);
            } else {
                if (request.status === 401) {
                    Alpine.store('session').expire();
                }
                reject(new ApiError(request.status, (data && data.description) || 'the upload was refused (' + request.status + ')'));
            }
        };
        request.onerror = () => reject(new ApiError(0, 'the upload failed: the server could not be reached'));
        request.open('POST', path);
        request.setRequestHeader('Accept', 'application/json');
        if (token) {
            request.setRequestHeader('Authorization', 'Bearer ' + token);
        }
        const form = new FormData();
        form.append('file', file, file.name);
        request.send(form);
    });
}

/** A Date from an API time: RFC 3339 text (nanoseconds cut to the milliseconds Date reads) or epoch milliseconds. */
function instant(value) {
    const date = typeof value === 'number' ? new Date(value) : new Date(String(value).replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(date) ? null : date;
}

/** Calls step every intervalMs (never overlapping) until it returns true or stop() is called. */
function poll(step, intervalMs) {
    let timer = null;
    let stopped = false;
    const run = async () => {
        let done = false;
        try {
            done = await step();
        } catch (e) {
            done = false; // a failed poll is tried again at the next tick
        }
        if (!done && !stopped) {
            timer = setTimeout(run, intervalMs);
        }
    };
    run();
    return { stop() { stopped = true; clearTimeout(timer); } };
}

/** Calls step every intervalMs while the component's page is shown: from when it is opened until it is left. */
function whileShown(component, page, step, intervalMs) {
    let watcher = null;
    const follow = current => {
        if (watcher) {
            watcher.stop();
            watcher = null;
        }
        if (current === page) {
            watcher = poll(async () => {
                await step();
                return false;
            }, intervalMs);
        }
    };
    component.$watch('$store.nav.page', follow);
    follow(Alpine.store('nav').page);
}

/** What to tell the user about a failed call. */
function describe(error) {
    if (error instanceof ApiError) {
        return error.message;
    }
    console.error(error);
    return 'the server could not be reached';
}

document.addEventListener('alpine:init', () => {

    Alpine.magic('money', () => value => value === null || value === undefined ? '' : Number(value).toFixed(2));
    Alpine.magic('when', () => value => {
        if (!value) {
            return '';
        }
        const date = instant(value);
        return date ? date.toLocaleString() : String(value);
    });
    Alpine.magic('time', () => value => {
        const date = value ? instant(value) : null;
        return date ? date.toLocaleTimeString() : '';
    });
    Alpine.magic('after', () => (from, to) => {
        const start = instant(from);
        const end = instant(to);
        return start && end ? '+' + Math.max(0, end - start) + ' ms' : '';
    });
    Alpine.magic('bytes', () => value => {
        const n = Number(value) || 0;
        return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' kB' : (n / 1048576).toFixed(1) + ' MB';
    });

    /** Which view is shown: the location's hash (#/store, #/orders, ...), so links and Back work. */
    Alpine.store('nav', {
        page: 'store',
        pages: ['login', 'store', 'orders', 'media', 'events'],
        init() {
            const follow = () => {
                const page = location.hash.replace(/^#\/?/, '');
                this.page = this.pages.includes(page) ? page : 'store';
            };
            window.addEventListener('hashchange', follow);
            follow();
        },
        go(page) {
            location.hash = '#/' + page;
        },
    });

    /** Who is logged in: the tokens of the login, and the access token's claims (name, email, roles). */
    Alpine.store('session', {
        accessToken: null,
        refreshToken: null,
        claims: null,
        notice: '',
        refreshing: null,
        init() {
            try {
                const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
                if (saved) {
                    this.keep(saved);
                }
            } catch (e) {
                sessionStorage.removeItem(SESSION_KEY);
            }
        },
        get user() {
            return this.claims ? { id: this.claims.sub, name: this.claims.name, email: this.claims.email } : null;
        },
        get userId() {
            return this.claims ? this.claims.sub : null;
        },
        get isAdmin() {
            return !!this.claims && Array.isArray(this.claims.roles) && this.claims.roles.includes('admin');
        },
        keep(tokens) {
            this.accessToken = tokens.accessToken;
            this.refreshToken = tokens.refreshToken;
            this.claims = claimsOf(tokens.accessToken);
            sessionStorage.setItem(SESSION_KEY, JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }));
        },
        forget() {
            this.accessToken = null;
            this.refreshToken = null;
            this.claims = null;
            sessionStorage.removeItem(SESSION_KEY);
        },
        async login(email, password) {
            this.forget();
            const tokens = await api('POST', '/api/v1/auth/login', { email, password });
            this.keep(tokens);
            this.notice = '';
        },
        async logout() {
            const refreshToken = this.refreshToken;
            this.forget();
            if (refreshToken) {
                // revokes the refresh token; the access token simply expires
                await fetch('/api/v1/auth/logout', {
                    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken }),
                }).catch(() => null);
            }
            Alpine.store('nav').go('login');
        },
        /** The access token, refreshed first (once, however many calls ask) when it expires within a minute. */
        async freshToken() {
            if (!this.accessToken) {
                return null;
            }
            if (this.claims.exp * 1000 - Date.now() > REFRESH_MARGIN_MS) {
                return this.accessToken;
            }
            if (!this.refreshing) {
                this.refreshing = fetch('/api/v1/auth/refresh', {
                    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refreshToken: this.refreshToken }),
                }).then(readAnswer).then(tokens => this.keep(tokens)).catch(() => this.expire()).finally(() => { this.refreshing = null; });
            }
            await this.refreshing;
            return this.accessToken;
        },
        /** The server no longer accepts the session: log out, and say why. */
        expire() {
            if (this.accessToken) {
                this.forget();
                this.notice = 'Your session has ended: please log in again.';
            }
        },
    });

    Alpine.data('loginPage', () => ({
        login: { email: '', password: '' },
        register: { name: '', email: '', password: '' },
        loginError: '',
        registerError: '',
        busy: false,
        async submitLogin() {
            await this.attempt(() => this.$store.session.login(this.login.email, this.login.password), m => { this.loginError = m; });
            this.login.password = '';
        },
        async submitRegister() {
            await this.attempt(async () => {
                await api('POST', '/api/v1/auth/register', this.register);
                await this.$store.session.login(this.register.email, this.register.password);
                this.register = { name: '', email: '', password: '' };
            }, m => { this.registerError = m; });
        },
        async attempt(action, showError) {
            this.busy = true;
            this.loginError = '';
            this.registerError = '';
            try {
                await action();
                this.$store.nav.go('store');
            } catch (e) {
                showError(describe(e));
            } finally {
                this.busy = false;
            }
        },
    }));

    Alpine.data('storefront', () => ({
        products: [],
        loaded: false,
        error: '',
        notice: '',
        quantities: {},
        draft: { name: '', description: '', price: '', quantity: '' },
        /** Orders placed from this page, watched until the saga ends them: {id, name, quantity, total, status, history}. */
        placed: [],
        init() {
            // others buy too: the stock shown is read again every 5 s
            whileShown(this, 'store', () => this.load(), 5000);
            this.$watch('$store.session.userId', () => { this.placed = []; });
        },
        /** Every product, newest first (the API pages them oldest first, at most 1000 a page). */
        async load() {
            try {
                const all = [];
                for (let page = 1; page <= 20; page++) {
                    const batch = await api('GET', '/products?limit=1000&page=' + page);
                    all.push(...batch);
                    if (batch.length < 1000) {
                        break;
                    }
                }
                this.products = all.reverse();
                this.error = '';
            } catch (e) {
                this.error = describe(e);
            }
            this.loaded = true;
        },
        async create() {
            this.notice = '';
            try {
                const product = await api('POST', '/products', {
                    name: this.draft.name,
                    description: this.draft.description,
                    price: Number(this.draft.price),
                    quantity: Number(this.draft.quantity),
                });
                this.notice = 'Created ' + product.name + '.';
                this.draft = { name: '', description: '', price: '', quantity: '' };
                this.error = '';
                await this.load();
            } catch (e) {
                this.error = describe(e);
            }
        },
        async remove(product) {
            try {
                await api('DELETE', '/products/' + encodeURIComponent(product.id));
                this.notice = 'Deleted ' + product.name + '.';
                await this.load();
            } catch (e) {
                this.error = describe(e);
            }
        },
        async order(product) {
            try {
                const order = await api('POST', '/orders', { product_id: product.id, quantity: this.quantities[product.id] || 1 });
                this.error = '';
                this.placed.unshift({
                    id: order.id, name: product.name, quantity: order.quantity, total: order.total,
                    status: order.status, history: [order.status], refundReason: null,
                });
                this.follow(this.placed[0]);
            } catch (e) {
                this.error = describe(e);
            }
        },
        /** The order's status every 500 ms until the saga has completed or refunded it; then the new stock. */
        follow(entry) {
            poll(async () => {
                const order = await api('GET', '/orders/' + encodeURIComponent(entry.id));
                if (order.status !== entry.status) {
                    entry.status = order.status;
                    entry.history.push(order.status);
                }
                entry.refundReason = order.refundReason;
                const done = FINAL_ORDER.includes(order.status);
                if (done) {
                    await this.load();
                }
                return done;
            }, 500);
        },
    }));

    Alpine.data('ordersPage', () => ({
        orders: [],
        loaded: false,
        error: '',
        profile: { shippingAddress: '', city: '', pincode: '', country: '', phoneNumber: '' },
        /** The profile as the server has it: open orders are watched until they ship to it. */
        savedProfile: {},
        notice: '',
        profileError: '',
        watcher: null,
        generation: 0,
        init() {
            this.$watch('$store.nav.page', () => this.show());
            this.$watch('$store.session.userId', () => this.show());
            this.show();
        },
        /** On this page and logged in: the orders (watched while any is still open) and the profile. */
        show() {
            this.generation++;
            if (this.watcher) {
                this.watcher.stop();
                this.watcher = null;
            }
            if (this.$store.nav.page !== 'orders' || !this.$store.session.user) {
                this.orders = [];
                this.loaded = false;
                return;
            }
            // the profile first: open orders are compared with it. A later show() supersedes this one.
            const generation = this.generation;
            this.loadProfile().then(() => generation === this.generation && this.watchOrders());
        },
        /** The orders every second while one is open, or (for 30 s at most) while one does not ship to the profile yet. */
        watchOrders() {
            // a profile change reaches the orders service as an event, a moment later
            const patience = Date.now() + 30_000;
            this.watcher = poll(async () => {
                this.orders = await api('GET', '/orders?limit=50');
                this.error = '';
                this.loaded = true;
                const settled = this.orders.every(order => FINAL_ORDER.includes(order.status));
                return settled && (Date.now() > patience || !this.orders.some(order => this.shippingBehind(order)));
            }, 1000);
        },
        /** True for the caller's own open order (not shipped or refunded) that does not ship to their saved profile yet. */
        shippingBehind(order) {
            if (order.userId !== this.$store.session.userId || ['shipped', 'refunded'].includes(order.status)) {
                return false;
            }
            return Object.entries(this.savedProfile).some(([field, value]) => order[field] !== value);
        },
        shipping(order) {
            const parts = [order.shippingAddress, order.city, order.pincode, order.country].filter(Boolean);
            if (parts.length === 0) {
                return 'Ships to: no shipping profile yet';
            }
            return 'Ships to: ' + parts.join(', ') + (order.phoneNumber ? ' · ' + order.phoneNumber : '');
        },
        async loadProfile() {
            try {
                const saved = await api('GET', '/api/v1/users/me/profile');
                this.savedProfile = {};
                for (const field of Object.keys(this.profile)) {
                    this.profile[field] = saved[field] || '';
                    if (saved[field]) {
                        this.savedProfile[field] = saved[field];
                    }
                }
            } catch (e) {
                this.profileError = describe(e);
            }
        },
        async saveProfile() {
            this.notice = '';
            this.profileError = '';
            // a field left empty is left out, and so keeps its value (the API's rule)
            const changes = {};
            for (const [field, value] of Object.entries(this.profile)) {
                if (value && value.trim()) {
                    changes[field] = value.trim();
                }
            }
            try {
                await api('PUT', '/api/v1/users/me/profile', changes);
                this.show();
                this.notice = 'Saved: open orders now ship to this address.';
            } catch (e) {
                this.profileError = describe(e);
            }
        },
    }));

    Alpine.data('mediaPage', () => ({
        file: null,
        uploading: false,
        progress: null,
        error: '',
        /** This tab's uploads, newest first: {id, filename, status, history, reason, audioUrl, audioName, audioBytes, duration}. */
        jobs: [],
        notifications: [],
        init() {
            this.$watch('$store.nav.page', page => page === 'media' && this.loadNotifications());
            this.$watch('$store.session.userId', () => this.restore());
            this.restore();
        },
        storageKey() {
            return 'caravan.jobs.' + this.$store.session.userId;
        },
        /** The jobs this tab uploaded as this user (their ids are kept for the tab), followed again. */
        restore() {
            this.jobs.forEach(job => job.audioUrl && URL.revokeObjectURL(job.audioUrl));
            this.jobs = [];
            this.notifications = [];
            if (!this.$store.session.user) {
                return;
            }
            const saved = JSON.parse(sessionStorage.getItem(this.storageKey()) || '[]');
            saved.reverse().forEach(job => this.track(job.id, job.filename)); // track() puts each first
            this.loadNotifications();
        },
        async upload() {
            this.error = '';
            this.uploading = true;
            this.progress = { loaded: 0, total: this.file.size, percent: 0 };
            try {
                const job = await uploadWithProgress('/api/v1/media', this.file, progress => { this.progress = progress; });
                this.track(job.id, this.file.name, job.status);
                sessionStorage.setItem(this.storageKey(), JSON.stringify(this.jobs.map(j => ({ id: j.id, filename: j.filename }))));
                this.$refs.file.value = '';
                this.file = null;
            } catch (e) {
                this.error = describe(e);
            } finally {
                this.uploading = false;
            }
        },
        /** The job's status every 500 ms until it is ready (then its MP3, fetched with the token) or failed. */
        track(id, filename, status = 'queued') {
            this.jobs.unshift({
                id, filename, status, history: [status], reason: null, audioUrl: null, audioName: null, audioBytes: 0, duration: 0,
            });
            const job = this.jobs[0];
            poll(async () => {
                const current = await api('GET', '/api/v1/media/' + encodeURIComponent(id));
                if (current.status !== job.status) {
                    job.status = current.status;
                    job.history.push(current.status);
                }
                job.reason = current.reason || null;
                if (!FINAL_JOB.includes(current.status)) {
                    return false;
                }
                if (current.status === 'ready') {
                    // an <audio> element cannot send the Bearer token: it plays the Blob fetched with it
                    const mp3 = await download('/api/v1/media/' + encodeURIComponent(id) + '/audio');
                    job.audioBytes = mp3.size;
                    job.audioName = filename.replace(/\.[^.]*$/, '') + '.mp3';
                    job.audioUrl = URL.createObjectURL(mp3);
                }
                this.awaitNotification(id);
                return true;
            }, 500);
        },
        /**
         * The job's notification, asked for every second until it is there (at most a minute): notification
         * writes it after the job ends, one queue hop later, so the first answer may not hold it yet.
         */
        awaitNotification(jobId) {
            let tries = 0;
            poll(async () => {
                await this.loadNotifications();
                return ++tries >= 60 || this.notifications.some(note => note.jobId === jobId);
            }, 1000);
        },
        async loadNotifications() {
            if (!this.$store.session.user) {
                return;
            }
            try {
                this.notifications = await api('GET', '/api/v1/notifications');
            } catch (e) {
                this.error = describe(e);
            }
        },
        /** The MP3 of a notification (seed 000's /download?id=), saved as a file. */
        async download(note) {
            try {
                const url = URL.createObjectURL(await download('/download?id=' + encodeURIComponent(note.audioId)));
                const link = document.createElement('a');
                link.href = url;
                link.download = 'caravan-' + note.audioId + '.mp3';
                link.click();
                setTimeout(() => URL.revokeObjectURL(url), 60_000);
            } catch (e) {
                this.error = describe(e);
            }
        },
    }));

    Alpine.data('eventsPage', () => ({
        description: '',
        busy: false,
        notice: '',
        postError: '',
        feed: [],
        loaded: false,
        error: '',
        init() {
            whileShown(this, 'events', () => this.loadFeed(), 1000);
        },
        async loadFeed() {
            try {
                this.feed = await api('GET', '/api/v1/events/feed');
                this.error = '';
            } catch (e) {
                this.error = describe(e);
            }
            this.loaded = true;
        },
        async post() {
            this.busy = true;
            this.notice = '';
            this.postError = '';
            try {
                await api('POST', '/event', { description: this.description });
                this.notice = 'Accepted: "' + this.description + '". The consumer shows it in the feed once it has handled it.';
                this.description = '';
                await this.loadFeed();
            } catch (e) {
                this.postError = describe(e);
            } finally {
                this.busy = false;
            }
        },
    }));
});
