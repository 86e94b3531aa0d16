/* The fast path of apoyo.check.fast, compiled: `avanzar(estado, lote, inicio) -> int`.
 *
 * The Python version (`apoyo.check.fast.avanzador`, compilado=False) is the reference: this
 * one returns the same index and leaves the same first-occurrence tables (a test compares them
 * on generated rows). It checks each field's shape with a small scanner instead of the joined
 * regular expression `_FILA`, and uses the same caches and the same Python functions on a
 * cache miss. Any value it does not handle (not exactly str or None, a row that is not a
 * 2-tuple of an int and eight values) ends the run: the caller's full path takes that row.
 *
 * estado: (tomar, fechas, fecha_plausible, apellidos, del_apellido, nombres, del_nombre,
 *          entidad, en_catalogo, claves, ocrs, cics, archivos, marca); the three tables are
 *          `Primeras` (below) or anything with a dict's setdefault.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAX_TEXTO 32767

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Texto;

/* A str whose characters can be read (1); before Python 3.12 a legacy str may need
 * PyUnicode_READY first (0 if that fails). */
static int
listo(PyObject *s)
{
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(s) < 0) {
        PyErr_Clear();
        return 0;
    }
#else
    (void)s;
#endif
    return 1;
}

/* A str (exactly) or None, as a text ("" for None). 0: anything else. */
static int
texto_de(PyObject *v, Texto *t)
{
    if (v == Py_None) {
        t->kind = PyUnicode_1BYTE_KIND;
        t->data = "";
        t->n = 0;
        return 1;
    }
    if (!PyUnicode_CheckExact(v) || !listo(v))
        return 0;
    t->kind = PyUnicode_KIND(v);
    t->data = PyUnicode_DATA(v);
    t->n = PyUnicode_GET_LENGTH(v);
    return 1;
}

#define EN(t, i) PyUnicode_READ((t)->kind, (t)->data, (i))

static inline int es_letra(Py_UCS4 c) { return (c >= 'A' && c <= 'Z') || c == 0xD1; }
static inline int es_digito(Py_UCS4 c) { return c >= '0' && c <= '9'; }
static inline int
de_nombre(Py_UCS4 c)
{
    return es_letra(c) || c == '\'' || c == '.' || c == '-';
}

/* _NOMBRE: [A-ZÑ][A-ZÑ'.-]*(?: [A-ZÑ'.-]+)* */
static int
nombre_ok(const Texto *t)
{
    if (t->n == 0 || !es_letra(EN(t, 0)))
        return 0;
    int espacio = 0;
    for (Py_ssize_t i = 1; i < t->n; i++) {
        Py_UCS4 c = EN(t, i);
        if (c == ' ') {
            if (espacio)
                return 0;
            espacio = 1;
        }
        else if (de_nombre(c))
            espacio = 0;
        else
            return 0;
    }
    return !espacio;
}

static int
digitos(const Texto *t, Py_ssize_t desde, Py_ssize_t hasta)
{
    for (Py_ssize_t i = desde; i < hasta; i++)
        if (!es_digito(EN(t, i)))
            return 0;
    return 1;
}

/* 01-32, two digits */
static int
dos_digitos_1_32(const Texto *t, Py_ssize_t i)
{
    Py_UCS4 a = EN(t, i), b = EN(t, i + 1);
    if (!es_digito(a) || !es_digito(b))
        return 0;
    int v = (int)(a - '0') * 10 + (int)(b - '0');
    return v >= 1 && v <= 32;
}

/* The shape of the eight fields, as _FILA.fullmatch of their join. */
static int
forma_ok(const Texto *v)
{
    const Texto *ent = &v[0], *sec = &v[1], *nom = &v[2], *pat = &v[3], *mat = &v[4],
                *cla = &v[5], *ocr = &v[6], *cic = &v[7];
    Py_ssize_t total = 7;
    for (int i = 0; i < 8; i++)
        total += v[i].n;
    if (total > MAX_TEXTO)
        return 0;
    if (ent->n != 2 || !dos_digitos_1_32(ent, 0))
        return 0;
    if (sec->n < 1 || sec->n > 4 || EN(sec, 0) == '0' || !digitos(sec, 0, sec->n))
        return 0;
    if (!nombre_ok(nom))
        return 0;
    if (pat->n == 0) {
        if (!nombre_ok(mat))
            return 0;
    }
    else if (!nombre_ok(pat) || (mat->n != 0 && !nombre_ok(mat)))
        return 0;
    if (cla->n != 18)
        return 0;
    for (Py_ssize_t i = 0; i < 6; i++) {
        Py_UCS4 c = EN(cla, i);
        if (c < 'A' || c > 'Z')
            return 0;
    }
    if (!digitos(cla, 6, 12) || !dos_digitos_1_32(cla, 12))
        return 0;
    Py_UCS4 sexo = EN(cla, 14);
    if ((sexo != 'H' && sexo != 'M' && sexo != 'X') || !digitos(cla, 15, 18))
        return 0;
    if (ocr->n != 0) {
        /* 13 digits, the first four the sección zero-padded */
        if (ocr->n != 13 || !digitos(ocr, 0, 13))
            return 0;
        Py_ssize_t ceros = 4 - sec->n;
        for (Py_ssize_t i = 0; i < ceros; i++)
            if (EN(ocr, i) != '0')
                return 0;
        for (Py_ssize_t i = 0; i < sec->n; i++)
            if (EN(ocr, ceros + i) != EN(sec, i))
                return 0;
        if (cic->n != 0 && (cic->n != 9 || !digitos(cic, 0, 9)))
            return 0;
    }
    else if (cic->n != 9 || !digitos(cic, 0, 9))
        return 0;
    return 1;
}

/* cache.get(clave) or funcion(clave): a new reference, NULL on error. */
static PyObject *
de_cache(PyObject *cache, PyObject *funcion, PyObject *clave)
{
    PyObject *r = PyDict_GetItemWithError(cache, clave);
    if (r == NULL && PyErr_Occurred())
        return NULL;
    if (r != NULL) {
        int verdad = PyObject_IsTrue(r);
        if (verdad < 0)
            return NULL;
        if (verdad) {
            Py_INCREF(r);
            return r;
        }
    }
    return PyObject_CallOneArg(funcion, clave);
}

/* clave[:6] == a + b + c, all str. 1 yes, 0 no. */
static int
iniciales_ok(const Texto *cla, PyObject *a, PyObject *b, PyObject *c)
{
    PyObject *partes[3] = {a, b, c};
    Py_ssize_t i = 0;
    for (int p = 0; p < 3; p++) {
        Texto t;
        if (!PyUnicode_CheckExact(partes[p]) || !texto_de(partes[p], &t))
            return 0;
        if (i + t.n > 6)
            return 0;
        for (Py_ssize_t j = 0; j < t.n; j++, i++)
            if (EN(&t, j) != EN(cla, i))
                return 0;
    }
    return i == 6;
}

/* ---- Primeras: first occurrences, value -> int64 ------------------------------------------
 *
 * What a dict {str: int} does for `Vistos` (setdefault, [], in, len), in less memory and
 * time: a short ASCII text (1 to 23 characters: every clave de elector, OCR and CIC) is kept
 * packed in the slot itself (its bytes and its length), in an open-addressing table, so a
 * million inserts cost a million probes and no Python object; any other text goes to a
 * plain dict. Both are exact: two texts are the same key when they are equal.
 */
#include <stdint.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

typedef struct {
    uint64_t k[3]; /* the text's bytes, zero-padded; byte 23: its length (0: empty slot) */
    int64_t v;
} Ranura;

typedef struct {
    PyObject_HEAD
    Ranura *r;
    void *bloque;  /* what was allocated for r (r itself, or r aligned within a mapping) */
    size_t bytes;  /* 0: from PyMem_Calloc; else the size of the mapping */
    size_t cap; /* a power of two */
    size_t n;
    PyObject *otros; /* dict for the texts not packed, or NULL */
} Primeras;

static PyTypeObject PrimerasType;

/* Pack `s` into k (1: packed, 0: not packable). */
static int
empacar(PyObject *s, uint64_t k[3])
{
    if (!PyUnicode_Check(s) || !listo(s))
        return 0;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n < 1 || n > 23 || !PyUnicode_IS_ASCII(s))
        return 0;
    unsigned char b[24] = {0};
    memcpy(b, PyUnicode_DATA(s), (size_t)n);
    b[23] = (unsigned char)n;
    memcpy(k, b, 24);
    return 1;
}

static inline size_t
dispersar(const uint64_t k[3])
{
    uint64_t h = k[0] * 0x9E3779B97F4A7C15ULL;
    h ^= (k[1] + 0x632BE59BD9B4E019ULL) * 0xC2B2AE3D27D4EB4FULL;
    h ^= (k[2] + 0x165667B19E3779F9ULL) * 0x94D049BB133111EBULL;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    return (size_t)h;
}

/* The slot of k: where it is, or the empty one where it would go. */
static inline Ranura *
ranura(Ranura *r, size_t cap, const uint64_t k[3])
{
    size_t i = dispersar(k) & (cap - 1);
    for (;;) {
        Ranura *x = &r[i];
        if ((x->k[2] >> 56) == 0
            || (x->k[0] == k[0] && x->k[1] == k[1] && x->k[2] == k[2]))
            return x;
        i = (i + 1) & (cap - 1);
    }
}

/* A zeroed table of `cap` slots into p (r, bloque, bytes). A large one (a million claves:
 * 64 MB) is probed at random, once per row: on Linux it is asked for in 2 MB pages
 * (transparent huge pages), which keeps each probe to one memory access instead of a page
 * walk as well (a third of the time of `apoyo validar`'s check on a million rows). */
#if defined(__GNUC__) || defined(__clang__)
#define PEDIR(direccion) __builtin_prefetch((direccion), 1)
#else
#define PEDIR(direccion) ((void)(direccion))
#endif

#define PAGINA_GRANDE ((size_t)2 << 20)
static int
reservar(size_t cap, Ranura **r, void **bloque, size_t *bytes)
{
    size_t n = cap * sizeof(Ranura);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (n >= 2 * PAGINA_GRANDE) {
        size_t total = n + PAGINA_GRANDE;
        void *m = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m != MAP_FAILED) {
            uintptr_t inicio = ((uintptr_t)m + PAGINA_GRANDE - 1) & ~(uintptr_t)(PAGINA_GRANDE - 1);
            (void)madvise((void *)inicio, n, MADV_HUGEPAGE); /* a hint: fine if refused */
            *r = (Ranura *)inicio;
            *bloque = m;
            *bytes = total;
            return 0;
        }
    }
#endif
    *r = PyMem_Calloc(cap, sizeof(Ranura));
    if (*r == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *bloque = *r;
    *bytes = 0;
    return 0;
}

static void
soltar(void *bloque, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes != 0) {
        munmap(bloque, bytes);
        return;
    }
#endif
    PyMem_Free(bloque);
}

static int
crecer(Primeras *p)
{
    size_t cap = p->cap * 2, bytes;
    Ranura *r;
    void *bloque;
    if (reservar(cap, &r, &bloque, &bytes) < 0)
        return -1;
    for (size_t i = 0; i < p->cap; i++)
        if ((p->r[i].k[2] >> 56) != 0)
            *ranura(r, cap, p->r[i].k) = p->r[i];
    soltar(p->bloque, p->bytes);
    p->r = r;
    p->bloque = bloque;
    p->bytes = bytes;
    p->cap = cap;
    return 0;
}

/* The value stored for k, storing v first if there is none; -1 with an error set on failure
 * (values are never negative). */
static int64_t
primera_de(Primeras *p, const uint64_t k[3], int64_t v)
{
    Ranura *x = ranura(p->r, p->cap, k);
    if ((x->k[2] >> 56) != 0)
        return x->v;
    if ((p->n + 1) * 3 > p->cap * 2) {
        if (crecer(p) < 0)
            return -1;
        x = ranura(p->r, p->cap, k);
    }
    memcpy(x->k, k, sizeof x->k);
    x->v = v;
    p->n++;
    return v;
}

static PyObject *
Primeras_new(PyTypeObject *tipo, PyObject *args, PyObject *kwds)
{
    if (kwds != NULL && PyDict_GET_SIZE(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "Primeras() takes no arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, ":Primeras"))
        return NULL;
    Primeras *p = (Primeras *)tipo->tp_alloc(tipo, 0);
    if (p == NULL)
        return NULL;
    p->cap = 1024;
    if (reservar(p->cap, &p->r, &p->bloque, &p->bytes) < 0) {
        Py_DECREF(p);
        return NULL;
    }
    return (PyObject *)p;
}

static void
Primeras_dealloc(Primeras *p)
{
    if (p->bloque != NULL)
        soltar(p->bloque, p->bytes);
    Py_XDECREF(p->otros);
    Py_TYPE(p)->tp_free((PyObject *)p);
}

static PyObject *
Primeras_setdefault(Primeras *p, PyObject *args)
{
    PyObject *valor, *codigo;
    if (!PyArg_ParseTuple(args, "OO!:setdefault", &valor, &PyLong_Type, &codigo))
        return NULL;
    uint64_t k[3];
    if (!empacar(valor, k)) {
        if (p->otros == NULL && (p->otros = PyDict_New()) == NULL)
            return NULL;
        PyObject *r = PyDict_SetDefault(p->otros, valor, codigo);
        Py_XINCREF(r);
        return r;
    }
    long long v = PyLong_AsLongLong(codigo);
    if (v == -1 && PyErr_Occurred())
        return NULL;
    if (v < 0) {
        PyErr_SetString(PyExc_ValueError, "Primeras: a stored value is never negative");
        return NULL;
    }
    int64_t r = primera_de(p, k, v);
    return r < 0 ? NULL : PyLong_FromLongLong(r);
}

static PyObject *
Primeras_getitem(Primeras *p, PyObject *valor)
{
    uint64_t k[3];
    if (!empacar(valor, k)) {
        PyObject *r = p->otros != NULL ? PyDict_GetItemWithError(p->otros, valor) : NULL;
        if (r == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, valor);
            return NULL;
        }
        Py_INCREF(r);
        return r;
    }
    Ranura *x = ranura(p->r, p->cap, k);
    if ((x->k[2] >> 56) == 0) {
        PyErr_SetObject(PyExc_KeyError, valor);
        return NULL;
    }
    return PyLong_FromLongLong(x->v);
}

static int
Primeras_contains(Primeras *p, PyObject *valor)
{
    uint64_t k[3];
    if (!empacar(valor, k))
        return p->otros != NULL ? PyDict_Contains(p->otros, valor) : 0;
    return (ranura(p->r, p->cap, k)->k[2] >> 56) != 0;
}

static Py_ssize_t
Primeras_len(Primeras *p)
{
    return (Py_ssize_t)p->n + (p->otros != NULL ? PyDict_GET_SIZE(p->otros) : 0);
}

static PyObject *
Primeras_items(Primeras *p, PyObject *Py_UNUSED(ignorado))
{
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < p->cap; i++) {
        Ranura *x = &p->r[i];
        if ((x->k[2] >> 56) == 0)
            continue;
        unsigned char b[24];
        memcpy(b, x->k, 24);
        PyObject *par = Py_BuildValue("(s#L)", (const char *)b, (Py_ssize_t)b[23],
                                      (long long)x->v);
        if (par == NULL || PyList_Append(out, par) < 0) {
            Py_XDECREF(par);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(par);
    }
    if (p->otros != NULL) {
        PyObject *otros = PyDict_Items(p->otros);
        if (otros == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        Py_ssize_t n = PyList_GET_SIZE(out);
        int r = PyList_SetSlice(out, n, n, otros);
        Py_DECREF(otros);
        if (r < 0) {
            Py_DECREF(out);
            return NULL;
        }
    }
    return out;
}

static PyMethodDef Primeras_metodos[] = {
    {"setdefault", (PyCFunction)Primeras_setdefault, METH_VARARGS,
     "setdefault(valor, codigo) -> int: the stored value, storing codigo (an int >= 0) first."},
    {"items", (PyCFunction)Primeras_items, METH_NOARGS,
     "items() -> list of (valor, codigo), in no particular order."},
    {NULL, NULL, 0, NULL},
};

static PyMappingMethods Primeras_mapeo = {
    (lenfunc)Primeras_len, (binaryfunc)Primeras_getitem, NULL,
};

static PySequenceMethods Primeras_secuencia = {
    .sq_contains = (objobjproc)Primeras_contains,
};

static PyTypeObject PrimerasType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "apoyo.check._rapido.Primeras",
    .tp_basicsize = sizeof(Primeras),
    .tp_dealloc = (destructor)Primeras_dealloc,
    .tp_as_mapping = &Primeras_mapeo,
    .tp_as_sequence = &Primeras_secuencia,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "First occurrences: text -> int >= 0 (setdefault, [], in, len, items).",
    .tp_methods = Primeras_metodos,
    .tp_new = Primeras_new,
};

typedef struct {
    PyObject *tomar, *fechas, *fecha_plausible, *apellidos, *del_apellido, *nombres,
        *del_nombre, *entidad, *en_catalogo, *tablas[3];
    long long archivos, marca;
} Estado;

/* 1: the row is clean and its identifiers new (recorded); 0: stop here; -1: error. */
static int
una(const Estado *e, PyObject *item, PyObject *vacio)
{
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2)
        return 0;
    PyObject *fila = PyTuple_GET_ITEM(item, 0);
    if (!PyLong_CheckExact(fila))
        return 0;
    int desborde = 0;
    long long n = PyLong_AsLongLongAndOverflow(fila, &desborde);
    if (desborde || (n == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return 0;
    }
    if (n < 0 || n > (LLONG_MAX - e->marca) / e->archivos)
        return 0;

    int resultado = 0;
    PyObject *valores = PyTuple_GET_ITEM(item, 1);
    if (e->tomar != Py_None) {
        valores = PyObject_CallOneArg(e->tomar, valores);
        if (valores == NULL)
            return -1;
    }
    else
        Py_INCREF(valores);
    PyObject *yymmdd = NULL, *ok = NULL, *a = NULL, *b = NULL, *c = NULL, *codigo = NULL;

    PyObject *v[8];
    Texto t[8];
    if (PyTuple_CheckExact(valores) && PyTuple_GET_SIZE(valores) == 8) {
        for (int i = 0; i < 8; i++)
            v[i] = PyTuple_GET_ITEM(valores, i);
    }
    else if (PyList_CheckExact(valores) && PyList_GET_SIZE(valores) == 8) {
        for (int i = 0; i < 8; i++)
            v[i] = PyList_GET_ITEM(valores, i);
    }
    else
        goto fin;
    for (int i = 0; i < 8; i++) {
        if (!texto_de(v[i], &t[i]))
            goto fin;
        if (v[i] == Py_None)
            v[i] = vacio;
    }
    if (!forma_ok(t))
        goto fin;
    /* The three first-occurrence slots are far apart in memory: ask for them now, so that
     * they arrive while the date and the initials are checked. */
    uint64_t k[3][3];
    int empacada[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        PyObject *tabla = e->tablas[i];
        if (t[5 + i].n != 0 && Py_IS_TYPE(tabla, &PrimerasType) && empacar(v[5 + i], k[i])) {
            Primeras *p = (Primeras *)tabla;
            empacada[i] = 1;
            PEDIR(&p->r[dispersar(k[i]) & (p->cap - 1)]);
        }
    }

    /* birth date: plausible (fast.fecha_plausible_en) */
    yymmdd = PyUnicode_Substring(v[5], 6, 12);
    if (yymmdd == NULL)
        goto error;
    ok = PyDict_GetItemWithError(e->fechas, yymmdd);
    if (ok != NULL)
        Py_INCREF(ok);
    else if (PyErr_Occurred())
        goto error;
    else if ((ok = PyObject_CallOneArg(e->fecha_plausible, yymmdd)) == NULL)
        goto error;
    int verdad = PyObject_IsTrue(ok);
    if (verdad < 0)
        goto error;
    if (!verdad)
        goto fin;

    /* initials: clave[:6] == paterno's two + materno's two + nombre's two */
    if ((a = de_cache(e->apellidos, e->del_apellido, v[3])) == NULL
        || (b = de_cache(e->apellidos, e->del_apellido, v[4])) == NULL
        || (c = de_cache(e->nombres, e->del_nombre, v[2])) == NULL)
        goto error;
    if (!iniciales_ok(&t[5], a, b, c))
        goto fin;

    if (e->entidad != Py_None) {
        int igual = PyObject_RichCompareBool(v[0], e->entidad, Py_EQ);
        if (igual < 0)
            goto error;
        if (!igual)
            goto fin;
    }
    if (e->en_catalogo != Py_None) {
        PyObject *r = PyObject_CallFunctionObjArgs(e->en_catalogo, v[0], v[1], NULL);
        if (r == NULL)
            goto error;
        int dentro = PyObject_IsTrue(r);
        Py_DECREF(r);
        if (dentro < 0)
            goto error;
        if (!dentro)
            goto fin;
    }

    /* duplicates: the clave, then the OCR and the CIC when present, each new */
    long long cod = n * e->archivos + e->marca;
    for (int i = 0; i < 3; i++) {
        if (i > 0 && t[5 + i].n == 0)
            continue;
        PyObject *tabla = e->tablas[i];
        if (empacada[i]) {
            int64_t primera = primera_de((Primeras *)tabla, k[i], cod);
            if (primera < 0)
                goto error;
            if (primera != cod)
                goto fin;
            continue;
        }
        if (codigo == NULL && (codigo = PyLong_FromLongLong(cod)) == NULL)
            goto error;
        PyObject *primera = PyObject_CallMethod(tabla, "setdefault", "OO", v[5 + i], codigo);
        if (primera == NULL)
            goto error;
        int igual = PyObject_RichCompareBool(primera, codigo, Py_EQ);
        Py_DECREF(primera);
        if (igual < 0)
            goto error;
        if (!igual)
            goto fin;
    }
    resultado = 1;
    goto fin;
error:
    resultado = -1;
fin:
    Py_XDECREF(codigo);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    Py_XDECREF(ok);
    Py_XDECREF(yymmdd);
    Py_DECREF(valores);
    return resultado;
}

static PyObject *
avanzar(PyObject *self, PyObject *args)
{
    PyObject *estado, *lote;
    Py_ssize_t inicio;
    if (!PyArg_ParseTuple(args, "O!O!n:avanzar", &PyTuple_Type, &estado, &PyList_Type, &lote,
                          &inicio))
        return NULL;
    Estado e;
    if (!PyArg_ParseTuple(estado, "OO!OO!OO!OOOOOOLL:estado", &e.tomar, &PyDict_Type,
                          &e.fechas, &e.fecha_plausible, &PyDict_Type, &e.apellidos,
                          &e.del_apellido, &PyDict_Type, &e.nombres, &e.del_nombre,
                          &e.entidad, &e.en_catalogo, &e.tablas[0], &e.tablas[1],
                          &e.tablas[2], &e.archivos, &e.marca))
        return NULL;
    if (e.archivos <= 0 || e.marca < 0 || e.marca >= e.archivos) {
        PyErr_SetString(PyExc_ValueError, "estado: 0 <= marca < archivos");
        return NULL;
    }
    if (inicio < 0) {
        PyErr_SetString(PyExc_ValueError, "inicio < 0");
        return NULL;
    }
    PyObject *vacio = PyUnicode_New(0, 0);
    if (vacio == NULL)
        return NULL;
    Py_ssize_t k = inicio;
    for (; k < PyList_GET_SIZE(lote); k++) {
        PyObject *item = PyList_GET_ITEM(lote, k);
        Py_INCREF(item);
        int r = una(&e, item, vacio);
        Py_DECREF(item);
        if (r < 0) {
            Py_DECREF(vacio);
            return NULL;
        }
        if (r == 0)
            break;
    }
    Py_DECREF(vacio);
    if (k > PyList_GET_SIZE(lote))
        k = PyList_GET_SIZE(lote);
    return PyLong_FromSsize_t(k);
}

static PyMethodDef metodos[] = {
    {"avanzar", avanzar, METH_VARARGS,
     "avanzar(estado, lote, inicio) -> int: see apoyo.check.fast.avanzador."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef modulo = {
    PyModuleDef_HEAD_INIT, "apoyo.check._rapido",
    "The compiled fast path of apoyo.check.fast (avanzador).", -1, metodos,
};

PyMODINIT_FUNC
PyInit__rapido(void)
{
    if (PyType_Ready(&PrimerasType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&modulo);
    if (m == NULL)
        return NULL;
    Py_INCREF(&PrimerasType);
    if (PyModule_AddObject(m, "Primeras", (PyObject *)&PrimerasType) < 0) {
        Py_DECREF(&PrimerasType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
