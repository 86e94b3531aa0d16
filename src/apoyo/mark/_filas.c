/* The bulk row builder of apoyo.mark.xlsx_rapido, compiled:
 * `unir(piezas, numeros, filas) -> bytes | None`.
 *
 * The Python version (`apoyo.mark.xlsx_rapido._unir_python`) is the reference: this one
 * returns the same bytes (a test compares them on generated rows). Row i of the result is
 * the pieces in order, where a piece is
 *   bytes  -> itself (fixed markup, already UTF-8),
 *   None   -> the decimal digits of numeros[i] (the row number),
 *   int k  -> filas[i][k] encoded as UTF-8 (the value of column k).
 * The caller has already made sure that no value needs escaping. Anything else (a value that
 * is not exactly str or cannot be encoded, a row that is not a tuple or list long enough, a
 * row number that is not a non-negative int, a piece of another type) gives None, with no
 * error set: the caller then builds those rows the Python way.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* Number of decimal digits of n (n >= 0). */
static Py_ssize_t
digitos(long long n)
{
    Py_ssize_t d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* Write the d digits of n at p. */
static void
escribir_numero(char *p, long long n, Py_ssize_t d)
{
    for (Py_ssize_t i = d - 1; i >= 0; i--) {
        p[i] = (char)('0' + n % 10);
        n /= 10;
    }
}

/* The UTF-8 of value k of `fila` (a tuple or list), or NULL with no error set. */
static const char *
valor(PyObject *fila, Py_ssize_t k, Py_ssize_t *n)
{
    PyObject *v;
    if (PyTuple_CheckExact(fila)) {
        if (k >= PyTuple_GET_SIZE(fila))
            return NULL;
        v = PyTuple_GET_ITEM(fila, k);
    }
    else if (PyList_CheckExact(fila)) {
        if (k >= PyList_GET_SIZE(fila))
            return NULL;
        v = PyList_GET_ITEM(fila, k);
    }
    else
        return NULL;
    if (!PyUnicode_CheckExact(v))
        return NULL;
    const char *texto = PyUnicode_AsUTF8AndSize(v, n);
    if (texto == NULL)
        PyErr_Clear();  /* e.g. a lone surrogate: the caller's way decides */
    return texto;
}

/* The row number numeros[i] as a long long >= 0, or -1. */
static long long
numero(PyObject *numeros, Py_ssize_t i)
{
    PyObject *n = PyList_GET_ITEM(numeros, i);
    if (!PyLong_CheckExact(n))
        return -1;
    int desborde = 0;
    long long valor_n = PyLong_AsLongLongAndOverflow(n, &desborde);
    if (desborde || valor_n < 0) {
        PyErr_Clear();
        return -1;
    }
    return valor_n;
}

static PyObject *
unir(PyObject *self, PyObject *args)
{
    PyObject *piezas, *numeros, *filas;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!O!:unir", &PyTuple_Type, &piezas, &PyList_Type, &numeros,
                          &PyList_Type, &filas))
        return NULL;
    Py_ssize_t nfilas = PyList_GET_SIZE(filas);
    if (PyList_GET_SIZE(numeros) != nfilas)
        Py_RETURN_NONE;
    Py_ssize_t npiezas = PyTuple_GET_SIZE(piezas);

    /* The fixed part of a row, how many row numbers it holds, and the piece kinds checked. */
    Py_ssize_t fijo = 0, veces_numero = 0;
    for (Py_ssize_t j = 0; j < npiezas; j++) {
        PyObject *p = PyTuple_GET_ITEM(piezas, j);
        if (PyBytes_CheckExact(p))
            fijo += PyBytes_GET_SIZE(p);
        else if (p == Py_None)
            veces_numero++;
        else if (PyLong_CheckExact(p)) {
            Py_ssize_t k = PyLong_AsSsize_t(p);
            if (k < 0) {
                PyErr_Clear();
                Py_RETURN_NONE;
            }
        }
        else
            Py_RETURN_NONE;
    }

    /* First pass: the size. */
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < nfilas; i++) {
        long long n = numero(numeros, i);
        if (n < 0)
            Py_RETURN_NONE;
        Py_ssize_t largo = fijo + veces_numero * digitos(n);
        PyObject *fila = PyList_GET_ITEM(filas, i);
        for (Py_ssize_t j = 0; j < npiezas; j++) {
            PyObject *p = PyTuple_GET_ITEM(piezas, j);
            if (PyLong_CheckExact(p)) {
                Py_ssize_t m;
                if (valor(fila, PyLong_AsSsize_t(p), &m) == NULL)
                    Py_RETURN_NONE;
                largo += m;
            }
        }
        if (total > PY_SSIZE_T_MAX - largo)
            return PyErr_NoMemory();
        total += largo;
    }

    /* Second pass: the bytes. The values were checked above and cannot change meanwhile
     * (str is immutable; the rows are only read, and no Python code runs in between). */
    PyObject *salida = PyBytes_FromStringAndSize(NULL, total);
    if (salida == NULL)
        return NULL;
    char *q = PyBytes_AS_STRING(salida);
    for (Py_ssize_t i = 0; i < nfilas; i++) {
        long long n = numero(numeros, i);
        Py_ssize_t d = digitos(n);
        PyObject *fila = PyList_GET_ITEM(filas, i);
        for (Py_ssize_t j = 0; j < npiezas; j++) {
            PyObject *p = PyTuple_GET_ITEM(piezas, j);
            if (PyBytes_CheckExact(p)) {
                Py_ssize_t m = PyBytes_GET_SIZE(p);
                memcpy(q, PyBytes_AS_STRING(p), (size_t)m);
                q += m;
            }
            else if (p == Py_None) {
                escribir_numero(q, n, d);
                q += d;
            }
            else {
                Py_ssize_t m;
                const char *texto = valor(fila, PyLong_AsSsize_t(p), &m);
                memcpy(q, texto, (size_t)m);
                q += m;
            }
        }
    }
    return salida;
}

static PyMethodDef metodos[] = {
    {"unir", unir, METH_VARARGS,
     "unir(piezas, numeros, filas) -> bytes | None: see apoyo.mark.xlsx_rapido._unir_python."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef modulo = {
    PyModuleDef_HEAD_INIT, "apoyo.mark._filas",
    "The compiled bulk row builder of apoyo.mark.xlsx_rapido.", -1, metodos,
};

PyMODINIT_FUNC
PyInit__filas(void)
{
    return PyModule_Create(&modulo);
}
